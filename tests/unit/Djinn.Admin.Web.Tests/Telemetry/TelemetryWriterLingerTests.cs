using System.Diagnostics;
using Djinn.Admin.Web.Tests.Infrastructure;

namespace Djinn.Admin.Web.Tests.Telemetry;

/// <summary>
/// Under a steady stream of invocations the writer still lets its queue fill before storing it, so it writes few,
/// large drains, and within each drain only what retention keeps.
/// </summary>
public sealed class TelemetryWriterLingerTests
{
    private const int Kept = 5;

    [Fact]
    public async Task A_steady_stream_is_stored_in_few_drains_that_skip_what_retention_would_delete_at_once()
    {
        await using var server = await KestrelDjinn.StartAsync(new Dictionary<string, string?>
        {
            ["Djinn:Telemetry:InvocationsPerFunction"] = Kept.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Djinn:Telemetry:TrimInterval"] = "01:00:00", // no trim during the test: every row written stays
        });
        using var client = server.CreateAdminClient();
        await client.CreateFunctionAsync("stream");

        // About 2,000 invocations a second for a second: a drain after every write would store Kept rows every few ms.
        var watch = Stopwatch.StartNew();
        Djinn.Admin.Web.Telemetry.InvocationEvent last = null!;
        while (watch.Elapsed < TimeSpan.FromSeconds(1))
        {
            for (int i = 0; i < 20; i++)
            {
                last = Invocations.Event("stream");
                server.Sink.Record(last);
            }

            await Task.Delay(10);
        }

        var elapsed = watch.Elapsed;
        const string path = "/api/functions/stream/invocations?limit=5000";
        await Invocations.WaitUntilAsync(
            async () => (await client.GetJsonAsync(path)).AsArray().Any(r => r!["invocationId"]!.GetValue<string>() == last.InvocationId),
            what: "the newest invocation to be stored");

        // One drain per FlushDelay (200 ms) at most, plus the first and the last: each stores at most Kept rows.
        var stored = (await client.GetJsonAsync(path)).AsArray().Count;
        var drains = (int)Math.Ceiling((watch.Elapsed.TotalMilliseconds + 1) / 200) + 2;
        Assert.True(stored <= Kept * drains, $"{stored} rows stored for {elapsed} of invocations; expected at most {Kept * drains}");
    }
}
