using System.Globalization;
using Djinn.Admin.Web.Telemetry;

namespace Djinn.Admin.Web.Components.Shared;

/// <summary>One point of a live chart: the sample's time (UTC) and a value.</summary>
public sealed record ChartPoint(DateTime Time, double Value);

/// <summary>Builds chart series from <see cref="LiveHistory"/> samples, overall or for one function.</summary>
public static class LiveSeries
{
    /// <summary>Samples shown on a chart (two minutes).</summary>
    public const int ChartSamples = 120;

    /// <summary>
    /// The figures of <paramref name="function"/> in <paramref name="snapshot"/> (the overall ones when null), or
    /// all-zero figures when the function had no invocations in the window.
    /// </summary>
    public static LiveFigures FiguresOf(LiveSnapshot? snapshot, string? function)
    {
        if (snapshot is null)
        {
            return Empty(function);
        }

        if (function is null)
        {
            return snapshot.Overall;
        }

        foreach (var figures in snapshot.Functions)
        {
            if (string.Equals(figures.Function, function, StringComparison.Ordinal))
            {
                return figures;
            }
        }

        return Empty(function);
    }

    /// <summary>One point per sample: <paramref name="value"/> of the function's (or overall) figures at that time.</summary>
    public static IReadOnlyList<ChartPoint> Of(IReadOnlyList<LiveSnapshot> samples, string? function, Func<LiveFigures, double> value)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(value);
        var points = new ChartPoint[samples.Count];
        for (var i = 0; i < points.Length; i++)
        {
            var sample = samples[i];
            points[i] = new ChartPoint(sample.Timestamp.UtcDateTime, value(FiguresOf(sample, function)));
        }

        return points;
    }

    /// <summary>The <paramref name="count"/> busiest functions of <paramref name="snapshot"/>, by req/s, then by name.</summary>
    public static IReadOnlyList<LiveFigures> Top(LiveSnapshot snapshot, int count)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Functions
            .OrderByDescending(f => f.RequestsPerSecond)
            .ThenBy(f => f.Function, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    private static LiveFigures Empty(string? function) => new(function, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/// <summary>How the console writes live figures.</summary>
public static class LiveFormat
{
    /// <summary>A rate, e.g. <c>12.35</c>.</summary>
    public static string Rate(double perSecond) => perSecond.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A share (0–1) as a percentage, e.g. <c>1.5 %</c>.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    /// <summary>A duration in milliseconds, e.g. <c>3.2 ms</c>.</summary>
    public static string Millis(double ms) => ms.ToString(ms < 10 ? "0.##" : "0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>A value for a <c>data-value</c> attribute (invariant, round-trippable).</summary>
    public static string Data(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>"1 request" or "N requests" (counts of requests in sentences).</summary>
    public static string Requests(long count) =>
        count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " request" : " requests");
}
