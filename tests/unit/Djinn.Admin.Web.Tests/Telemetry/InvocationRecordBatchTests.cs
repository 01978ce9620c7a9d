using Djinn.Admin.Web.Tests.Infrastructure;
using Djinn.Engine.Functions;

namespace Djinn.Admin.Web.Tests.Telemetry;

/// <summary>The writer binds invocation records by position through SQLite's API; every row must keep its own values.</summary>
public sealed class InvocationRecordBatchTests
{
    [Fact]
    public async Task Seventy_records_recorded_together_are_all_stored_with_their_own_values_and_unknown_functions_are_skipped()
    {
        await using var server = await KestrelDjinn.StartAsync();
        using var client = server.CreateAdminClient();
        await client.CreateFunctionAsync("batch-a");
        await client.CreateFunctionAsync("batch-b");

        // 70 rows of two functions interleaved with a function that does not exist, all in the writer's queue at once.
        var recorded = new List<Djinn.Admin.Web.Telemetry.InvocationEvent>();
        for (int i = 0; i < 70; i++)
        {
            var name = i % 2 == 0 ? "batch-a" : "batch-b";
            var trapped = i % 7 == 0;
            var invocation = Invocations.Event(name, durationMs: i + 0.5, status: trapped ? 500 : 200 + i % 3,
                outcome: trapped ? FunctionOutcome.Trap : FunctionOutcome.Success, version: 1 + i % 4, fuel: 1000 + i);
            recorded.Add(invocation);
            server.Sink.Record(invocation);
            if (i % 10 == 0) server.Sink.Record(Invocations.Event("batch-missing"));
        }

        foreach (var name in new[] { "batch-a", "batch-b" })
        {
            var path = $"/api/functions/{name}/invocations?limit=100";
            await Invocations.WaitUntilAsync(async () => (await client.GetJsonAsync(path)).AsArray().Count == 35, what: "35 records of " + name);
            var stored = (await client.GetJsonAsync(path)).AsArray().Select(r => r!.AsObject())
                .ToDictionary(r => r["invocationId"]!.GetValue<string>());
            foreach (var expected in recorded.Where(r => r.Function == name))
            {
                var row = stored[expected.InvocationId];
                Assert.Equal(expected.Status, row["status"]!.GetValue<int>());
                Assert.Equal(expected.Outcome.ToString(), row["outcome"]!.GetValue<string>());
                Assert.Equal(expected.Trap?.ToString(), row["trap"]?.GetValue<string>());
                Assert.Equal(expected.Version, row["version"]!.GetValue<int>());
                Assert.Equal(expected.FuelConsumed, row["fuelConsumed"]!.GetValue<long>());
                Assert.Equal(expected.Duration.TotalMilliseconds, row["durationMs"]!.GetValue<double>(), 3);
                Assert.Equal(expected.MemoryBytes, row["memoryBytes"]!.GetValue<long>());
                Assert.Equal(expected.TraceId, row["traceId"]!.GetValue<string>());
                // Stored as EF Core stores dates, so it reads back to the tick.
                Assert.Equal(expected.Timestamp.UtcDateTime, row["timestamp"]!.GetValue<DateTimeOffset>().UtcDateTime);
            }
        }
    }
}
