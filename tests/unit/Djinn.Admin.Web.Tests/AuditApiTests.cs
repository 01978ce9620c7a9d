using System.Net.Http.Json;
using Djinn.Admin.Web.Tests.Infrastructure;

namespace Djinn.Admin.Web.Tests;

public sealed class AuditApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.Admin();

    [Fact]
    public async Task Every_change_is_recorded_with_who_what_and_target()
    {
        await _client.CreateFunctionAsync("audited");
        await _client.UploadAsync("audited", Modules.Minimal);
        await _client.PostAsync("/api/functions/audited/versions/1/activate", null);
        await _client.PutAsJsonAsync("/api/functions/audited/env", new Dictionary<string, string> { ["MODE"] = "x" });
        await _client.PutAsJsonAsync("/api/functions/audited/secrets/PW", new { value = "audit-must-not-see-this" });
        await _client.DeleteAsync("/api/functions/audited/secrets/PW");
        await _client.PutAsJsonAsync("/api/functions/audited/limits", new { timeoutMs = 100 });
        await _client.PatchAsJsonAsync("/api/functions/audited", new { mode = "raw" });

        var entries = (await _client.GetJsonAsync("/api/audit?function=audited")).AsArray();

        var actions = entries.Select(e => (string)e!["action"]!).Reverse().ToList();
        Assert.Equal(
            ["function.create", "version.create", "version.activate", "env.replace", "secret.set", "secret.delete", "limits.set", "function.update"],
            actions);
        Assert.All(entries, e => Assert.Equal("function/audited", (string?)e!["target"]));
        Assert.All(entries, e => Assert.Equal("admin (token DJINN_ADMIN_TOKEN)", (string?)e!["actor"]));
        Assert.All(entries, e => Assert.NotNull((DateTime?)e!["at"]));
        Assert.DoesNotContain("audit-must-not-see-this", entries.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_lists_newest_first_and_honours_take()
    {
        await _client.CreateFunctionAsync("audit-take-1");
        await _client.CreateFunctionAsync("audit-take-2");

        var entries = (await _client.GetJsonAsync("/api/audit?take=1")).AsArray();

        Assert.Single(entries);
        Assert.Equal("function/audit-take-2", (string?)entries[0]!["target"]);
    }

    [Fact]
    public async Task Token_creation_and_revocation_are_audited_without_the_token()
    {
        var created = await _client.PostAsJsonAsync("/api/tokens", new { name = "audited-token" });
        var body = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!;
        await _client.DeleteAsync($"/api/tokens/{(int)body["id"]!}");

        var log = await _client.GetStringAsync("/api/audit");

        Assert.Contains("token.create", log, StringComparison.Ordinal);
        Assert.Contains("token.revoke", log, StringComparison.Ordinal);
        Assert.DoesNotContain((string)body["token"]!, log, StringComparison.Ordinal);
    }
}
