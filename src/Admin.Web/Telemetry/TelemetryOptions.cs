namespace Djinn.Admin.Web.Telemetry;

/// <summary>Telemetry settings, bound from the <c>Djinn:Telemetry</c> configuration section (see docs/TELEMETRY.md).</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Djinn:Telemetry";

    /// <summary>Newest stored log lines kept per function.</summary>
    public int LogLinesPerFunction { get; set; } = 1000;

    /// <summary>Newest invocation records kept per function.</summary>
    public int InvocationsPerFunction { get; set; } = 1000;

    /// <summary>Stored lines and records older than this are deleted.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the background trimmer applies the retention.</summary>
    public TimeSpan TrimInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Finished invocations waiting to be stored; beyond this they are dropped and counted.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Approximate memory the queued invocations' log lines may hold; beyond this they are dropped and counted.</summary>
    public long QueueMaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest number of invocations stored in one transaction.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Lines of one invocation that are stored and streamed; the rest are dropped and counted.</summary>
    public int MaxLinesPerInvocation { get; set; } = 1000;

    /// <summary>Lines buffered for each live follower (SSE client or the hub); the oldest are dropped beyond this.</summary>
    public int FollowerBufferLines { get; set; } = 1000;

    /// <summary>When true, <c>GET /metrics</c> requires a bearer token like <c>/api</c>; by default it is open.</summary>
    public bool MetricsRequireAuth { get; set; }
}
