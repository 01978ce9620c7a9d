using Djinn.Admin.Web.Components.Pages.Functions;
using Djinn.Admin.Web.Components.Shared;
using Djinn.Admin.Web.Telemetry;
using static Djinn.Admin.Web.Tests.Console.LiveSamples;

namespace Djinn.Admin.Web.Tests.Console;

public sealed class LiveSeriesTests
{
    [Fact]
    public void A_series_has_one_point_per_sample_at_the_sample_time()
    {
        LiveSnapshot[] samples = [Sample(0, Figures(null, 1)), Sample(1, Figures(null, 2.5))];

        var points = LiveSeries.Of(samples, null, f => f.RequestsPerSecond);

        Assert.Equal([1, 2.5], points.Select(p => p.Value));
        Assert.Equal(new DateTime(2026, 11, 21, 12, 0, 1, DateTimeKind.Utc), points[1].Time);
    }

    [Fact]
    public void A_function_without_invocations_in_a_sample_charts_as_zero()
    {
        LiveSnapshot[] samples = [Sample(0, Figures(null, 3), Figures("hello", 3)), Sample(1, Figures(null, 1), Figures("echo", 1))];

        var points = LiveSeries.Of(samples, "hello", f => f.RequestsPerSecond);

        Assert.Equal([3, 0], points.Select(p => p.Value));
    }

    [Fact]
    public void Before_the_first_sample_the_figures_are_zero()
    {
        var figures = LiveSeries.FiguresOf(null, "hello");

        Assert.Equal(("hello", 0.0, 0L), (figures.Function, figures.RequestsPerSecond, figures.Requests));
    }

    [Fact]
    public void Top_functions_are_ordered_by_requests_per_second_then_by_name()
    {
        var sample = Sample(0, Figures(null, 6), Figures("a", 1), Figures("b", 3), Figures("c", 1), Figures("d", 0.5));

        Assert.Equal(["b", "a", "c"], LiveSeries.Top(sample, 3).Select(f => f.Function));
    }

    [Fact]
    public void Function_rows_get_requests_per_minute_and_an_error_rate_only_when_busy()
    {
        FunctionRow[] rows = [new("hello", "/fn/hello", 1, "json"), new("echo", "/fn/echo", 1, "raw")];
        var sample = Sample(0, Figures(null, 2), Figures("hello", 2, errorRate: 0.25));

        var live = FunctionRows.WithLive(rows, sample);

        Assert.Equal((120.0, 0.25), (live[0].RequestsPerMinute, live[0].ErrorRate!.Value));
        Assert.Equal((0.0, (double?)null), (live[1].RequestsPerMinute, live[1].ErrorRate));
    }

    [Fact]
    public void The_history_keeps_the_newest_samples_oldest_first()
    {
        var history = new LiveHistory();
        Assert.Null(history.Latest);
        for (var i = 0; i < LiveHistory.Capacity + 5; i++)
        {
            history.Add(Sample(i, Figures(null, i)));
        }

        var recent = history.Recent(3);

        Assert.Equal([LiveHistory.Capacity + 2.0, LiveHistory.Capacity + 3.0, LiveHistory.Capacity + 4.0], recent.Select(s => s.Overall.RequestsPerSecond));
        Assert.Equal(LiveHistory.Capacity, history.Recent(int.MaxValue).Count);
        Assert.Same(recent[^1], history.Latest);
    }

    [Fact]
    public void Figures_are_written_for_people_and_for_data_attributes()
    {
        Assert.Equal(("12.35", "1.5 %", "3.25 ms", "120 ms", "0.1"),
            (LiveFormat.Rate(12.346), LiveFormat.Percent(0.015), LiveFormat.Millis(3.25), LiveFormat.Millis(120.4), LiveFormat.Data(0.1)));
    }

    [Fact]
    public void A_count_of_requests_agrees_with_its_noun()
    {
        Assert.Equal(("0 requests", "1 request", "2 requests"), (LiveFormat.Requests(0), LiveFormat.Requests(1), LiveFormat.Requests(2)));
    }
}
