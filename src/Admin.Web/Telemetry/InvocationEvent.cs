using Djinn.Engine.Functions;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>One finished invocation, as the gateway reports it to telemetry (logs, invocation records, metrics, live streams).</summary>
/// <param name="InvocationId">A unique id for this run (also on the log lines).</param>
/// <param name="Function">The function's name.</param>
/// <param name="Version">The version that ran.</param>
/// <param name="Status">The HTTP status returned to the caller.</param>
/// <param name="Outcome">How the run ended.</param>
/// <param name="Trap">The trap code, if any.</param>
/// <param name="Duration">Wall-clock time of the run.</param>
/// <param name="FuelConsumed">Fuel used (0 when not metered).</param>
/// <param name="MemoryBytes">Linear memory at the end of the run.</param>
/// <param name="TraceId">The W3C trace id, if the request had one.</param>
/// <param name="LogLines">The guest's stderr lines.</param>
/// <param name="Timestamp">When the run finished.</param>
public sealed record InvocationEvent(
    string InvocationId,
    string Function,
    int Version,
    int Status,
    FunctionOutcome Outcome,
    Djinn.Engine.TrapCode? Trap,
    TimeSpan Duration,
    long FuelConsumed,
    long MemoryBytes,
    string? TraceId,
    IReadOnlyList<string> LogLines,
    DateTimeOffset Timestamp);

/// <summary>Where the gateway reports invocations and rejections. Implementations must be fast and never throw.</summary>
public interface IInvocationSink
{
    /// <summary>Records a finished invocation.</summary>
    void Record(InvocationEvent invocation);

    /// <summary>Records a request rejected before running (reason: "rate_limited", "concurrency", "too_large", "unauthorized", "not_found").</summary>
    void Rejected(string function, string reason);

    /// <summary>Records a module cache lookup.</summary>
    void ModuleCacheLookup(bool hit);
}
