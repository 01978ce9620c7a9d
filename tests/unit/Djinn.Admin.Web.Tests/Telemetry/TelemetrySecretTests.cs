using System.Net.Http.Json;
using System.Text;
using Djinn.Admin.Web.Tests.Infrastructure;
using Djinn.Engine.Functions;
using Microsoft.Data.Sqlite;

namespace Djinn.Admin.Web.Tests.Telemetry;

public sealed class TelemetrySecretTests
{
    [Fact]
    public async Task No_secret_or_environment_value_appears_in_stored_telemetry_responses_or_logs()
    {
        var secret = "telemetry-secret-" + Guid.NewGuid().ToString("N");
        var envValue = "telemetry-env-" + Guid.NewGuid().ToString("N");
        var responses = new StringBuilder();
        IReadOnlyCollection<string> logs;
        using (var server = new TelemetryServerFixture())
        {
            using var client = server.Admin();
            await client.CreateFunctionAsync("tel-secret");
            (await client.PutAsJsonAsync("/api/functions/tel-secret/secrets/API_KEY", new { value = secret })).EnsureSuccessStatusCode();
            (await client.PutAsJsonAsync("/api/functions/tel-secret/env", new Dictionary<string, string> { ["MODE"] = envValue })).EnsureSuccessStatusCode();
            server.Sink.Record(Invocations.Event("tel-secret", ["guest says hi", "using the key"]));
            server.Sink.Record(Invocations.Event("tel-secret", ["failing now"], status: 500, outcome: FunctionOutcome.Trap));
            server.Sink.Rejected("tel-secret", "rate_limited");
            await Invocations.WaitUntilAsync(async () => (await client.GetJsonAsync("/api/functions/tel-secret/invocations")).AsArray().Count == 2, what: "records");

            foreach (var url in new[]
            {
                "/api/functions/tel-secret/logs", "/api/functions/tel-secret/invocations", "/api/metrics/live", "/metrics",
            })
            {
                var response = await client.GetAsync(url);
                responses.Append(response.Headers).AppendLine(await response.Content.ReadAsStringAsync());
            }

            logs = server.Logs.Lines;
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.EnumerateFiles(server.DataDirectory, "*", SearchOption.AllDirectories))
            {
                var bytes = await File.ReadAllBytesAsync(file);
                Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0, $"{file} holds the secret");
            }
        }

        var all = responses.ToString();
        Assert.Contains("guest says hi", all, StringComparison.Ordinal);
        foreach (var value in new[] { secret, envValue })
        {
            Assert.DoesNotContain(value, all, StringComparison.Ordinal);
            Assert.DoesNotContain(logs, l => l.Contains(value, StringComparison.Ordinal));
        }
    }
}
