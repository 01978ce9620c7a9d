using Djinn.Admin.Web.Telemetry;

namespace Djinn.Admin.Web.Tests.Console;

/// <summary>Live figures and samples for the tests of the console's live components.</summary>
internal static class LiveSamples
{
    /// <summary>Live figures with <paramref name="rps"/> req/s and the given error rate and latencies.</summary>
    public static LiveFigures Figures(string? function, double rps, double errorRate = 0, double p50 = 1, double p95 = 2, double p99 = 3) =>
        new(function, rps, errorRate, p50, p95, p99, p99, (long)(rps * 60), (long)(rps * 60 * errorRate), 0);

    /// <summary>A sample at <paramref name="second"/> seconds past 12:00 UTC with the given per-function figures.</summary>
    public static LiveSnapshot Sample(int second, LiveFigures overall, params LiveFigures[] functions) =>
        new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero).AddSeconds(second), 60, overall, functions, 0);
}
