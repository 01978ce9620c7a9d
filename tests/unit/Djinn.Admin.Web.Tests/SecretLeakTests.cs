using System.Net.Http.Json;
using System.Text;
using Djinn.Admin.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Djinn.Admin.Web.Tests;

public sealed class SecretLeakTests : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task A_secret_value_appears_in_no_file_response_or_log()
    {
        var secret = "plain-secret-" + Guid.NewGuid().ToString("N");
        var responses = new StringBuilder();
        IReadOnlyCollection<string> logs;
        await using (var factory = new DjinnFactory(_data.Path))
        {
            var client = factory.CreateAdminClient();
            async Task Capture(Task<HttpResponseMessage> call)
            {
                var response = await call;
                responses.Append(response.Headers).Append(response.Content.Headers).AppendLine(await response.Content.ReadAsStringAsync());
            }

            await client.CreateFunctionAsync("leaky");
            await client.UploadAsync("leaky", Modules.Minimal);
            await Capture(client.PutAsJsonAsync("/api/functions/leaky/secrets/API_KEY", new { value = secret }));
            await Capture(client.PutAsJsonAsync("/api/functions/leaky/secrets/OTHER", new { value = secret + "-2" }));
            await Capture(client.GetAsync("/api/functions/leaky/secrets"));
            await Capture(client.GetAsync("/api/functions/leaky"));
            await Capture(client.GetAsync("/api/functions"));
            await Capture(client.GetAsync("/api/functions/leaky/env"));
            await Capture(client.GetAsync("/api/functions/leaky/versions"));
            await Capture(client.GetAsync("/api/functions/leaky/limits"));
            await Capture(client.GetAsync("/api/audit"));
            await Capture(client.DeleteAsync("/api/functions/leaky/secrets/OTHER"));

            // The secret is really there, encrypted.
            var stored = await factory.WithServiceAsync<Djinn.Data.Services.SecretStore, Dictionary<string, string>?>(s => s.RevealAllAsync("leaky"));
            Assert.Equal(secret, stored!["API_KEY"]);
            logs = factory.Logs.Lines;
        }

        SqliteConnection.ClearAllPools();
        Assert.NotEmpty(logs);
        Assert.DoesNotContain(secret, responses.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.Ordinal));
        var files = Directory.EnumerateFiles(_data.Path, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("djinn.db", StringComparison.Ordinal));
        Assert.Contains(files, f => Path.GetFileName(Path.GetDirectoryName(f)) == "keys");
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(secret)), $"{file} holds the secret as UTF-8");
            Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(secret)), $"{file} holds the secret as UTF-16");
        }
    }

    public void Dispose() => _data.Dispose();

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
