using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Djinn.Data.Tests;

/// <summary>The data layer on a real SQLite file in a fresh temporary directory, migrated.</summary>
public sealed class StoreFixture : IAsyncLifetime
{
    private ServiceProvider? _provider;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "djinn-data-test-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDjinnData(_ => Directory);
        _provider = services.BuildServiceProvider();
        await _provider.MigrateDjinnDatabaseAsync();
    }

    /// <summary>Runs <paramref name="action"/> with a scoped service, as one request would.</summary>
    public async Task<T> With<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = _provider!.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
