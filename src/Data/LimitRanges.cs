using Djinn.Data.Entities;

namespace Djinn.Data;

/// <summary>The accepted range and default of every field of <see cref="FunctionLimits"/>.</summary>
public static class LimitRanges
{
    private const long MiB = 1024 * 1024;

    /// <summary>1 ms to 5 minutes; default 10 s.</summary>
    public static readonly (int Min, int Max, int Default) TimeoutMs = (1, 300_000, 10_000);

    /// <summary>1 MiB to 4 GiB (the wasm32 maximum); default 64 MiB.</summary>
    public static readonly (int Min, int Max, int Default) MemoryMb = (1, 4096, 64);

    /// <summary>0 (off) to 10^13 instructions; default 0.</summary>
    public static readonly (long Min, long Max, long Default) Fuel = (0, 10_000_000_000_000, 0);

    /// <summary>1 to 1024 concurrent invocations; default 16.</summary>
    public static readonly (int Min, int Max, int Default) MaxConcurrency = (1, 1024, 16);

    /// <summary>0 to 256 MiB; default 1 MiB.</summary>
    public static readonly (long Min, long Max, long Default) MaxRequestBytes = (0, 256 * MiB, MiB);

    /// <summary>0 to 256 MiB; default 1 MiB.</summary>
    public static readonly (long Min, long Max, long Default) MaxResponseBytes = (0, 256 * MiB, MiB);

    /// <summary>0 (unlimited) to 100 000 requests per second; default 100.</summary>
    public static readonly (int Min, int Max, int Default) RateLimitPerSecond = (0, 100_000, 100);

    /// <summary>0 to 100 000 requests; default 200.</summary>
    public static readonly (int Min, int Max, int Default) RateLimitBurst = (0, 100_000, 200);

    /// <summary>
    /// Checks every field; returns an error list per offending field (camelCase names), empty when valid.
    /// </summary>
    public static Dictionary<string, string[]> Validate(FunctionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>();
        Check(errors, "timeoutMs", limits.TimeoutMs, TimeoutMs.Min, TimeoutMs.Max);
        Check(errors, "memoryMb", limits.MemoryMb, MemoryMb.Min, MemoryMb.Max);
        Check(errors, "fuel", limits.Fuel, Fuel.Min, Fuel.Max);
        Check(errors, "maxConcurrency", limits.MaxConcurrency, MaxConcurrency.Min, MaxConcurrency.Max);
        Check(errors, "maxRequestBytes", limits.MaxRequestBytes, MaxRequestBytes.Min, MaxRequestBytes.Max);
        Check(errors, "maxResponseBytes", limits.MaxResponseBytes, MaxResponseBytes.Min, MaxResponseBytes.Max);
        Check(errors, "rateLimitPerSecond", limits.RateLimitPerSecond, RateLimitPerSecond.Min, RateLimitPerSecond.Max);
        Check(errors, "rateLimitBurst", limits.RateLimitBurst, RateLimitBurst.Min, RateLimitBurst.Max);
        return errors;
    }

    private static void Check(Dictionary<string, string[]> errors, string field, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            errors[field] = [$"must be between {min} and {max}, was {value}"];
        }
    }
}
