using Djinn.Data.Entities;
using Djinn.Data.Services;
using Microsoft.EntityFrameworkCore;

namespace Djinn.Data.Tests;

public sealed class StoreTests(StoreFixture store) : IClassFixture<StoreFixture>
{
    private const string Actor = "test";

    [Theory]
    [InlineData("a", true)]
    [InlineData("0-9", true)]
    [InlineData("hello-world", true)]
    [InlineData("-a", false)]
    [InlineData("A", false)]
    [InlineData("a_b", false)]
    [InlineData("a\n", false)]
    [InlineData("", false)]
    public void Function_names_follow_the_documented_pattern(string name, bool valid)
    {
        Assert.Equal(valid, FunctionNames.IsValid(name));
    }

    [Fact]
    public void Default_limits_are_within_their_ranges()
    {
        Assert.Empty(LimitRanges.Validate(new FunctionLimits()));
    }

    [Fact]
    public void Out_of_range_limits_are_reported_by_field()
    {
        var errors = LimitRanges.Validate(new FunctionLimits { TimeoutMs = 0, MemoryMb = 5000 });

        Assert.Equal(["memoryMb", "timeoutMs"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_new_function_gets_a_limits_row_with_defaults()
    {
        await store.With<FunctionStore, StoreResult<Function>>(f => f.CreateAsync("limits-row", new FunctionChanges(), Actor));

        var limits = await store.With<ConfigStore, FunctionLimits?>(c => c.GetLimitsAsync("limits-row"));

        Assert.Equal(10_000, limits!.TimeoutMs);
        Assert.True(await store.With<DjinnDbContext, bool>(db => db.Limits.AnyAsync(l => l.FunctionId == limits.FunctionId)));
    }

    [Fact]
    public async Task Secrets_are_stored_as_ciphertext_and_reveal_to_the_original()
    {
        await store.With<FunctionStore, StoreResult<Function>>(f => f.CreateAsync("secretive", new FunctionChanges(), Actor));

        await store.With<SecretStore, StoreResult<bool>>(s => s.SetAsync("secretive", "KEY", "value-123", Actor));

        var row = await store.With<DjinnDbContext, Secret>(db => db.Secrets.SingleAsync(s => s.Name == "KEY"));
        Assert.DoesNotContain("value-123", row.Ciphertext, StringComparison.Ordinal);
        var revealed = await store.With<SecretStore, Dictionary<string, string>?>(s => s.RevealAllAsync("secretive"));
        Assert.Equal("value-123", revealed!["KEY"]);
    }

    [Fact]
    public async Task A_version_for_a_missing_function_stores_no_content()
    {
        var result = await store.With<VersionStore, StoreResult<FunctionVersion>>(v =>
            v.CreateAsync("missing", new NewVersion([1, 2, 3], null, [], []), Actor));

        Assert.Equal(StoreStatus.NotFound, result.Status);
        Assert.Equal(0, await store.With<DjinnDbContext, int>(db => db.ModuleBlobs.CountAsync(b => b.Size == 3)));
    }

    [Fact]
    public async Task A_rejected_env_replacement_changes_nothing()
    {
        await store.With<FunctionStore, StoreResult<Function>>(f => f.CreateAsync("env-keep", new FunctionChanges(), Actor));
        await store.With<ConfigStore, StoreResult<bool>>(c => c.ReplaceEnvAsync("env-keep", new Dictionary<string, string> { ["A"] = "1" }, Actor));

        var result = await store.With<ConfigStore, StoreResult<bool>>(c =>
            c.ReplaceEnvAsync("env-keep", new Dictionary<string, string> { ["B"] = "2", ["bad name"] = "x" }, Actor));

        Assert.Equal(StoreStatus.Invalid, result.Status);
        var env = await store.With<ConfigStore, SortedDictionary<string, string>?>(c => c.GetEnvAsync("env-keep"));
        Assert.Equal(["A"], env!.Keys);
    }

    [Fact]
    public async Task A_revoked_token_no_longer_validates()
    {
        await store.With<UserStore, string?>(u => u.EnsureAdminAsync("pw"));
        var created = await store.With<TokenStore, StoreResult<(TokenInfo Info, string Token)>>(t => t.CreateAsync("admin", "temp", Actor));
        var (info, token) = created.Value;
        Assert.NotNull(await store.With<TokenStore, TokenInfo?>(t => t.ValidateAsync(token)));

        await store.With<TokenStore, bool>(t => t.RevokeAsync(info.Id, Actor));

        Assert.Null(await store.With<TokenStore, TokenInfo?>(t => t.ValidateAsync(token)));
    }

    [Fact]
    public async Task The_admin_account_is_created_only_once()
    {
        var first = await store.With<UserStore, string?>(u => u.EnsureAdminAsync(null));
        var second = await store.With<UserStore, string?>(u => u.EnsureAdminAsync(null));

        Assert.Null(second);
        Assert.Equal(1, await store.With<DjinnDbContext, int>(db => db.Users.CountAsync(u => u.UserName == "admin")));
        _ = first; // Generated only if no earlier test created the account first.
    }
}
