using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Djinn.Admin.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Djinn.Admin.Web.Tests;

/// <summary>Runs the real server as a child process, so it can be killed.</summary>
public sealed partial class CrashSafetyTests : IDisposable
{
    private const string Token = "process-test-token-0123456789";
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Killing_the_server_during_a_large_upload_leaves_no_half_written_version()
    {
        var module = Modules.BinaryOfSize(8 * 1024 * 1024);
        await using (var server = await ServerProcess.StartAsync(_data.Path, Token, "pw"))
        {
            using var client = server.CreateClient(Token);
            await DeleteSeededSamplesAsync(client);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/functions", new { name = "big" })).StatusCode);

            var slow = new SlowStream(module, chunkBytes: 64 * 1024, pause: TimeSpan.FromMilliseconds(20), signalAfterBytes: 3 * 1024 * 1024);
            var file = new StreamContent(slow);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/wasm");
            var form = new MultipartFormDataContent { { file, "module", "big.wasm" } };
            var upload = client.PostAsync("/api/functions/big/versions", form);

            await slow.Reached.WaitAsync(TimeSpan.FromMinutes(2));
            await server.KillAsync();

            await Assert.ThrowsAnyAsync<Exception>(() => upload);
            Assert.True(server.HasExited);
        }

        SqliteConnection.ClearAllPools();
        await using (var restarted = await ServerProcess.StartAsync(_data.Path, Token, "pw"))
        {
            using var client = restarted.CreateClient(Token);
            Assert.Empty((await client.GetFromJsonAsync<List<object>>("/api/functions/big/versions"))!);
            var function = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>("/api/functions/big");
            Assert.Null(function!["activeVersion"]);

            // The store still works after the crash.
            var small = new MultipartFormDataContent { { new ByteArrayContent(Modules.BinaryOfSize(1024)), "module", "small.wasm" } };
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/functions/big/versions", small)).StatusCode);
        }

        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "djinn.db")}");
        await connection.OpenAsync();
        Assert.Equal("ok", await ScalarAsync(connection, "PRAGMA integrity_check"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM Versions"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM ModuleBlobs"));
        Assert.Equal(1024L, await ScalarAsync(connection, "SELECT Size FROM ModuleBlobs"));
    }

    [Fact]
    public async Task Whatever_moment_the_server_is_killed_every_stored_version_is_complete()
    {
        var delays = new[] { 30, 250, 600, 1200 };
        for (var round = 0; round < delays.Length; round++)
        {
            await using var server = await ServerProcess.StartAsync(_data.Path, Token, "pw");
            using var client = server.CreateClient(Token);
            if (round == 0)
            {
                await DeleteSeededSamplesAsync(client);
                Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/functions", new { name = "racy" })).StatusCode);
            }

            var module = Modules.BinaryOfSize(4 * 1024 * 1024);
            module[^1] = (byte)(round + 1); // distinct content each round
            var form = new MultipartFormDataContent { { new ByteArrayContent(module), "module", "racy.wasm" } };
            var upload = client.PostAsync("/api/functions/racy/versions", form);
            await Task.Delay(delays[round]);
            await server.KillAsync();
            try
            {
                await upload;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                // Expected when the kill came first.
            }

            SqliteConnection.ClearAllPools();
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "djinn.db")}");
        await connection.OpenAsync();
        Assert.Equal("ok", await ScalarAsync(connection, "PRAGMA integrity_check"));
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT v.Number, v.Sha256, v.Size, b.Bytes FROM Versions v LEFT JOIN ModuleBlobs b ON b.Sha256 = v.Sha256";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Assert.False(reader.IsDBNull(3), $"version {reader.GetInt32(0)} has no content");
            var bytes = (byte[])reader.GetValue(3);
            Assert.Equal(reader.GetInt64(2), bytes.LongLength);
            Assert.Equal(reader.GetString(1), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        }

        var active = await ScalarAsync(connection, "SELECT ActiveVersion FROM Functions WHERE Name = 'racy'");
        var versions = (long)(await ScalarAsync(connection, "SELECT COUNT(*) FROM Versions"))!;
        Assert.True(active is DBNull ? versions == 0 : (long)active! <= versions);
    }

    /// <summary>The sample functions seeded on first start would otherwise count in the table-wide checks.</summary>
    private static async Task DeleteSeededSamplesAsync(HttpClient client)
    {
        foreach (var sample in new[] { "hello", "echo", "logger" })
        {
            await client.DeleteAsync($"/api/functions/{sample}");
        }
    }

    [Fact]
    public async Task Without_DJINN_ADMIN_PASSWORD_a_generated_password_is_printed_once_and_works()
    {
        string password;
        await using (var first = await ServerProcess.StartAsync(_data.Path, adminToken: null, adminPassword: null))
        {
            var match = PasswordLine().Match(first.Output);
            Assert.True(match.Success, "no password line in:\n" + first.Output);
            password = match.Groups[1].Value;
            Assert.True(password.Length >= 16);
            using var anonymous = first.CreateClient(token: null);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/functions")).StatusCode);
        }

        SqliteConnection.ClearAllPools();
        await using (var second = await ServerProcess.StartAsync(_data.Path, adminToken: null, adminPassword: null))
        {
            Assert.DoesNotContain("Admin password", second.Output, StringComparison.Ordinal);
        }

        SqliteConnection.ClearAllPools();
        var options = new DbContextOptionsBuilder<Djinn.Data.DjinnDbContext>()
            .UseSqlite(new Djinn.Data.DataPaths(_data.Path).ConnectionString).Options;
        await using var db = new Djinn.Data.DjinnDbContext(options);
        var users = new Djinn.Data.Services.UserStore(db);
        Assert.NotNull(await users.VerifyPasswordAsync("admin", password));
    }

    public void Dispose() => _data.Dispose();

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [GeneratedRegex(@"Admin password \(shown once\): (\S+)")]
    private static partial Regex PasswordLine();
}
