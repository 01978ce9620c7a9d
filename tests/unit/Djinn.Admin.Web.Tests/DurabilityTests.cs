using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Djinn.Admin.Web.Tests.Infrastructure;
using Djinn.Data.Services;
using Microsoft.Data.Sqlite;

namespace Djinn.Admin.Web.Tests;

public sealed class DurabilityTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Everything_survives_a_restart_including_the_active_version()
    {
        string token;
        await using (var first = new DjinnFactory(_data.Path))
        {
            var client = first.CreateAdminClient();
            await client.PostAsJsonAsync("/api/functions", new { name = "durable", route = "/durable", mode = "raw" });
            await client.UploadAsync("durable", Modules.Minimal, notes: "one");
            await client.UploadAsync("durable", Modules.WithImport, notes: "two");
            await client.PostAsync("/api/functions/durable/versions/1/activate", null);
            await client.PutAsJsonAsync("/api/functions/durable/env", new Dictionary<string, string> { ["GREETING"] = "hi" });
            await client.PutAsJsonAsync("/api/functions/durable/secrets/PASSWORD", new { value = "restart-secret" });
            await client.PutAsJsonAsync("/api/functions/durable/limits", new { memoryMb = 32 });
            var created = await client.PostAsJsonAsync("/api/tokens", new { name = "survivor" });
            token = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
        }

        SqliteConnection.ClearAllPools();
        await using var second = new DjinnFactory(_data.Path);
        var again = second.CreateClientWithToken(token);

        var function = await again.GetJsonAsync("/api/functions/durable");
        Assert.Equal(1, (int?)function["activeVersion"]);
        Assert.Equal("/durable", (string?)function["route"]);
        Assert.Equal("raw", (string?)function["mode"]);
        var versions = (await again.GetJsonAsync("/api/functions/durable/versions")).AsArray();
        Assert.Equal(["one", "two"], versions.Select(v => (string)v!["notes"]!));
        Assert.Equal([true, false], versions.Select(v => (bool)v!["active"]!));
        Assert.Equal("hi", (string?)(await again.GetJsonAsync("/api/functions/durable/env"))["GREETING"]);
        Assert.Equal("PASSWORD", (string?)(await again.GetJsonAsync("/api/functions/durable/secrets"))[0]);
        Assert.Equal(32, (int?)(await again.GetJsonAsync("/api/functions/durable/limits"))["memoryMb"]);
        Assert.NotEmpty((await again.GetJsonAsync("/api/audit")).AsArray());
        // The key ring persisted under the data directory, so the secret still decrypts.
        var secrets = await second.WithServiceAsync<SecretStore, Dictionary<string, string>?>(s => s.RevealAllAsync("durable"));
        Assert.Equal("restart-secret", secrets!["PASSWORD"]);
        var module = await second.WithServiceAsync<VersionStore, byte[]?>(s => s.GetModuleAsync("durable", 1));
        Assert.Equal(Modules.Minimal, System.Text.Encoding.UTF8.GetString(module!));
    }

    [Fact]
    public async Task The_database_is_in_wal_mode()
    {
        await using var factory = new DjinnFactory(_data.Path);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateAdminClient().GetAsync("/api/functions")).StatusCode);

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "djinn.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_admin_account_is_created_once_and_kept_across_restarts()
    {
        await using (var first = new DjinnFactory(_data.Path, adminPassword: "first-password"))
        {
            Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync("/healthz")).StatusCode);
        }

        SqliteConnection.ClearAllPools();
        await using var second = new DjinnFactory(_data.Path, adminPassword: "ignored-later");
        await second.CreateClient().GetAsync("/healthz");

        var user = await second.WithServiceAsync<UserStore, Djinn.Data.Entities.User?>(u => u.VerifyPasswordAsync("admin", "first-password"));
        Assert.NotNull(user);
    }

    public void Dispose() => _data.Dispose();
}
