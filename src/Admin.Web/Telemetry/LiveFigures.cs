namespace Djinn.Admin.Web.Telemetry;

/// <summary>Live figures of one function (or of all, when <paramref name="Function"/> is null) over the sliding window.</summary>
/// <param name="Function">The function, or null for the overall figures.</param>
/// <param name="RequestsPerSecond">Finished invocations per second over the window.</param>
/// <param name="ErrorRate">Share (0–1) of invocations that failed (an outcome other than success, or a 5xx status).</param>
/// <param name="P50Ms">Median duration in milliseconds.</param>
/// <param name="P95Ms">95th percentile duration in milliseconds.</param>
/// <param name="P99Ms">99th percentile duration in milliseconds.</param>
/// <param name="MaxMs">Longest duration in the window, in milliseconds.</param>
/// <param name="Requests">Invocations in the window.</param>
/// <param name="Errors">Failed invocations in the window.</param>
/// <param name="ActiveInstances">Average instances running over the last complete second (from finished runs).</param>
public sealed record LiveFigures(
    string? Function,
    double RequestsPerSecond,
    double ErrorRate,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    long Requests,
    long Errors,
    double ActiveInstances);

/// <summary>Everything the console's dashboard shows, once a second.</summary>
/// <param name="Timestamp">When it was computed.</param>
/// <param name="WindowSeconds">Length of the sliding window the rates are averaged over.</param>
/// <param name="Overall">All functions together.</param>
/// <param name="Functions">Each function with invocations in the window, by name.</param>
/// <param name="Rejected">Requests rejected before running, in the window.</param>
public sealed record LiveSnapshot(
    DateTimeOffset Timestamp,
    int WindowSeconds,
    LiveFigures Overall,
    IReadOnlyList<LiveFigures> Functions,
    long Rejected);
