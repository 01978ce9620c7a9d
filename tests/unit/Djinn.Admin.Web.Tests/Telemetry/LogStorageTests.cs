using System.Net;
using Djinn.Admin.Web.Tests.Infrastructure;
using Djinn.Engine.Functions;

namespace Djinn.Admin.Web.Tests.Telemetry;

public sealed class LogStorageTests(TelemetryServerFixture server) : IClassFixture<TelemetryServerFixture>
{
    [Fact]
    public async Task Recorded_lines_are_stored_and_listed_with_their_invocation()
    {
        using var client = server.Admin();
        await client.CreateFunctionAsync("store-list");
        var invocation = Invocations.Event("store-list", ["one", "two"], version: 3);

        server.Sink.Record(invocation);

        await Invocations.WaitUntilAsync(async () => (await client.GetJsonAsync("/api/functions/store-list/logs")).AsArray().Count == 2, what: "stored lines");
        var lines = (await client.GetJsonAsync("/api/functions/store-list/logs")).AsArray();
        Assert.Equal(["one", "two"], lines.Select(l => l!["line"]!.GetValue<string>()));
        Assert.All(lines, l => Assert.Equal(invocation.InvocationId, l!["invocationId"]!.GetValue<string>()));
        Assert.All(lines, l => Assert.Equal(3, l!["version"]!.GetValue<int>()));
        Assert.All(lines, l => Assert.Equal("store-list", l!["function"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Stored_lines_are_trimmed_to_the_newest_per_function_in_the_background()
    {
        using var client = server.Admin();
        await client.CreateFunctionAsync("store-trim");
        var expected = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var lines = Enumerable.Range(0, 3).Select(j => $"inv{i}-line{j}").ToArray();
            expected.AddRange(lines);
            server.Sink.Record(Invocations.Event("store-trim", lines));
        }

        var newest = expected.TakeLast(TelemetryServerFixture.KeptLines).ToArray();
        await Invocations.WaitUntilAsync(async () =>
        {
            var stored = (await client.GetJsonAsync("/api/functions/store-trim/logs?tail=100")).AsArray();
            return stored.Select(l => l!["line"]!.GetValue<string>()).SequenceEqual(newest);
        }, what: "the retention to keep the newest lines");
        await Invocations.WaitUntilAsync(
            async () => (await client.GetJsonAsync("/api/functions/store-trim/invocations")).AsArray().Count == TelemetryServerFixture.KeptInvocations,
            what: "the retention to keep the newest records");
    }

    [Fact]
    public async Task Invocation_records_are_listed_newest_first_with_their_figures()
    {
        using var client = server.Admin();
        await client.CreateFunctionAsync("store-records");
        server.Sink.Record(Invocations.Event("store-records", durationMs: 10));
        var trapped = Invocations.Event("store-records", durationMs: 20, status: 500, outcome: FunctionOutcome.Trap, version: 2, fuel: 1234);
        server.Sink.Record(trapped);

        await Invocations.WaitUntilAsync(async () => (await client.GetJsonAsync("/api/functions/store-records/invocations?limit=1")).AsArray().Count == 1
            && (await client.GetJsonAsync("/api/functions/store-records/invocations")).AsArray().Count == 2, what: "records");
        var newest = (await client.GetJsonAsync("/api/functions/store-records/invocations?limit=1")).AsArray()[0]!.AsObject();

        Assert.Equal(trapped.InvocationId, newest["invocationId"]!.GetValue<string>());
        Assert.Equal(500, newest["status"]!.GetValue<int>());
        Assert.Equal("Trap", newest["outcome"]!.GetValue<string>());
        Assert.Equal("Unreachable", newest["trap"]!.GetValue<string>());
        Assert.Equal(2, newest["version"]!.GetValue<int>());
        Assert.Equal(1234, newest["fuelConsumed"]!.GetValue<long>());
        Assert.Equal(65536, newest["memoryBytes"]!.GetValue<long>());
        Assert.Equal(20, newest["durationMs"]!.GetValue<double>(), 3);
        Assert.Equal(trapped.TraceId, newest["traceId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Since_returns_only_lines_at_or_after_the_given_time()
    {
        using var client = server.Admin();
        await client.CreateFunctionAsync("store-since");
        server.Sink.Record(Invocations.Event("store-since", ["recent"]));
        await Invocations.WaitUntilAsync(async () => (await client.GetJsonAsync("/api/functions/store-since/logs")).AsArray().Count == 1, what: "stored line");

        var inTheFuture = await client.GetJsonAsync("/api/functions/store-since/logs?since=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O")));
        var lastMinute = await client.GetJsonAsync("/api/functions/store-since/logs?since=1m");

        Assert.Empty(inTheFuture.AsArray());
        Assert.Single(lastMinute.AsArray());
    }

    [Theory]
    [InlineData("/api/functions/store-bad/logs?since=yesterday")]
    [InlineData("/api/functions/store-bad/logs?tail=-1")]
    [InlineData("/api/functions/store-bad/invocations?limit=0")]
    public async Task Invalid_queries_are_bad_requests(string url)
    {
        using var client = server.Admin();

        var response = await client.GetAsync(url);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/functions/store-nobody/logs")]
    [InlineData("/api/functions/store-nobody/invocations")]
    public async Task Unknown_functions_are_not_found(string url)
    {
        using var client = server.Admin();

        var response = await client.GetAsync(url);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/functions/any/logs")]
    [InlineData("/api/functions/any/invocations")]
    [InlineData("/api/metrics/live")]
    public async Task Telemetry_routes_require_a_token(string url)
    {
        using var client = server.Factory.CreateClient();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
