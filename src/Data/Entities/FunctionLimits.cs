namespace Djinn.Data.Entities;

/// <summary>
/// Resource limits of one function. The defaults are documented on each property and the
/// accepted ranges in <see cref="LimitRanges"/>.
/// </summary>
public sealed class FunctionLimits
{
    /// <summary>Owning function; also the primary key (one row per function).</summary>
    public int FunctionId { get; set; }

    /// <summary>Wall-clock budget per invocation in milliseconds. Default 10 000 (10 s).</summary>
    public int TimeoutMs { get; set; } = LimitRanges.TimeoutMs.Default;

    /// <summary>Maximum linear memory in MiB. Default 64.</summary>
    public int MemoryMb { get; set; } = LimitRanges.MemoryMb.Default;

    /// <summary>Instruction budget per invocation; 0 disables fuel metering (the timeout still applies). Default 0.</summary>
    public long Fuel { get; set; } = LimitRanges.Fuel.Default;

    /// <summary>Invocations that may run at the same time. Default 16.</summary>
    public int MaxConcurrency { get; set; } = LimitRanges.MaxConcurrency.Default;

    /// <summary>Largest accepted request body in bytes. Default 1 MiB.</summary>
    public long MaxRequestBytes { get; set; } = LimitRanges.MaxRequestBytes.Default;

    /// <summary>Largest response (stdout) in bytes. Default 1 MiB.</summary>
    public long MaxResponseBytes { get; set; } = LimitRanges.MaxResponseBytes.Default;

    /// <summary>Sustained requests per second; 0 means no rate limit. Default 100.</summary>
    public int RateLimitPerSecond { get; set; } = LimitRanges.RateLimitPerSecond.Default;

    /// <summary>Requests allowed in a burst above the sustained rate. Default 200.</summary>
    public int RateLimitBurst { get; set; } = LimitRanges.RateLimitBurst.Default;
}
