namespace Djinn.Data.Entities;

/// <summary>One finished invocation of a function. The most recent records per function are kept.</summary>
public sealed class InvocationRecord
{
    /// <summary>Surrogate key; increases with time.</summary>
    public long Id { get; set; }

    /// <summary>The function that ran.</summary>
    public int FunctionId { get; set; }

    /// <summary>The unique id of the run (also on its log lines).</summary>
    public string InvocationId { get; set; } = "";

    /// <summary>The version that ran.</summary>
    public int Version { get; set; }

    /// <summary>The HTTP status returned to the caller.</summary>
    public int Status { get; set; }

    /// <summary>How the run ended, e.g. <c>Success</c>, <c>Trap</c>, <c>Timeout</c>.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>The trap code, if the run trapped.</summary>
    public string? Trap { get; set; }

    /// <summary>Wall-clock time of the run, in milliseconds.</summary>
    public double DurationMs { get; set; }

    /// <summary>Fuel used (0 when not metered).</summary>
    public long FuelConsumed { get; set; }

    /// <summary>Linear memory at the end of the run, in bytes.</summary>
    public long MemoryBytes { get; set; }

    /// <summary>The W3C trace id, if the request had one.</summary>
    public string? TraceId { get; set; }

    /// <summary>When the run finished (UTC).</summary>
    public DateTime At { get; set; }
}
