using Djinn.Data.Entities;
using Djinn.Data.Services;

namespace Djinn.Data.Tests;

public sealed class ConfigurationGenerationTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    [Fact]
    public async Task Creating_and_deleting_a_function_moves_the_configuration_generation()
    {
        long before = ConfigurationGeneration.Current;
        await store.With<FunctionStore, StoreResult<Function>>(f => f.CreateAsync("gen-probe", new FunctionChanges(), "test"));
        long afterCreate = ConfigurationGeneration.Current;
        await store.With<FunctionStore, bool>(f => f.DeleteAsync("gen-probe", "test"));

        Assert.True(afterCreate > before);
        Assert.True(ConfigurationGeneration.Current > afterCreate);
    }
}
