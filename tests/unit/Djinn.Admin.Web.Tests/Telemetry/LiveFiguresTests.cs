using Djinn.Admin.Web.Telemetry;
using Djinn.Admin.Web.Tests.Infrastructure;

namespace Djinn.Admin.Web.Tests.Telemetry;

public sealed class LiveFiguresTests(TelemetryServerFixture server) : IClassFixture<TelemetryServerFixture>
{
    /// <summary>The live histogram reports bucket midpoints, within 1/64 of the true value.</summary>
    private const double Tolerance = 1.0 / 64;

    private static readonly DateTimeOffset Start = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Percentiles_of_a_known_set_of_durations_follow_the_nearest_rank_method()
    {
        var time = new ManualTime(Start);
        var live = new LiveWindow(time);
        foreach (var ms in Enumerable.Range(1, 100).Reverse())
        {
            live.Record("pct", TimeSpan.FromMilliseconds(ms), error: ms % 20 == 0);
        }

        var figures = live.Figures("pct")!;

        AssertClose(50, figures.P50Ms);
        AssertClose(95, figures.P95Ms);
        AssertClose(99, figures.P99Ms);
        Assert.Equal(100, figures.MaxMs);
        Assert.Equal(100, figures.Requests);
        Assert.Equal(5, figures.Errors);
        Assert.Equal(0.05, figures.ErrorRate, 10);
    }

    [Fact]
    public void A_slow_tail_shows_in_p95_and_p99_but_not_in_the_median()
    {
        var live = new LiveWindow(new ManualTime(Start));
        for (var i = 0; i < 90; i++)
        {
            live.Record("tail", TimeSpan.FromMilliseconds(10), error: false);
        }

        for (var i = 0; i < 10; i++)
        {
            live.Record("tail", TimeSpan.FromSeconds(1), error: false);
        }

        var figures = live.Figures("tail")!;

        AssertClose(10, figures.P50Ms);
        Assert.Equal(1000, figures.P95Ms);
        Assert.Equal(1000, figures.P99Ms);
    }

    [Fact]
    public void Rates_are_averaged_over_the_window_and_old_seconds_slide_out()
    {
        var time = new ManualTime(Start);
        var live = new LiveWindow(time);
        for (var second = 0; second < 10; second++)
        {
            for (var i = 0; i < 20; i++)
            {
                live.Record("rate", TimeSpan.FromMilliseconds(50), error: i < 2);
            }

            time.Advance(TimeSpan.FromSeconds(1));
        }

        var after10 = live.Figures("rate")!;
        Assert.Equal(200, after10.Requests);
        Assert.Equal(200 / 11.0, after10.RequestsPerSecond, 6); // 11 one-second slots have begun since the start.
        Assert.Equal(0.1, after10.ErrorRate, 10);
        Assert.Equal(20 * 0.05, after10.ActiveInstances, 6); // 20 runs of 50 ms finished in the last second.

        time.Advance(TimeSpan.FromSeconds(LiveWindow.WindowSeconds - 6)); // Seconds 5 to 9 are still in the window.
        var later = live.Figures("rate")!;
        Assert.Equal(100, later.Requests);
        Assert.Equal(100 / (double)LiveWindow.WindowSeconds, later.RequestsPerSecond, 6);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(live.Figures("rate"));
        var snapshot = live.Snapshot();
        Assert.Empty(snapshot.Functions);
        Assert.Equal(0, snapshot.Overall.Requests);
    }

    [Fact]
    public void The_snapshot_has_overall_figures_per_function_figures_and_rejections()
    {
        var live = new LiveWindow(new ManualTime(Start));
        live.Record("b-fn", TimeSpan.FromMilliseconds(10), error: false);
        live.Record("a-fn", TimeSpan.FromMilliseconds(30), error: true);
        live.RecordRejection();

        var snapshot = live.Snapshot();

        Assert.Equal(["a-fn", "b-fn"], snapshot.Functions.Select(f => f.Function));
        Assert.Null(snapshot.Overall.Function);
        Assert.Equal(2, snapshot.Overall.Requests);
        Assert.Equal(0.5, snapshot.Overall.ErrorRate);
        Assert.Equal(1, snapshot.Rejected);
        Assert.Equal(Start, snapshot.Timestamp);
    }

    [Fact]
    public async Task Live_figures_are_served_as_json()
    {
        server.Sink.Record(Invocations.Event("live-json", durationMs: 40));
        using var client = server.Admin();

        var live = await client.GetJsonAsync("/api/metrics/live");

        Assert.InRange(live["windowSeconds"]!.GetValue<int>(), 1, LiveWindow.WindowSeconds);
        Assert.True(live["overall"]!["requests"]!.GetValue<long>() >= 1);
        var function = live["functions"]!.AsArray().Single(f => f!["function"]!.GetValue<string>() == "live-json")!;
        AssertClose(40, function["p50Ms"]!.GetValue<double>());
        Assert.Equal(0, function["errorRate"]!.GetValue<double>());
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= expected * Tolerance, $"expected {expected} ± {Tolerance:P1}, got {actual}");
}
