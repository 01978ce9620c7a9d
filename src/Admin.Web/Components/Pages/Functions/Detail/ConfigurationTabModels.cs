using Djinn.Data;
using Djinn.Data.Entities;

namespace Djinn.Admin.Web.Components.Pages.Functions.Detail;

/// <summary>One editable row of the environment variables editor.</summary>
public sealed class EnvRow
{
    /// <summary>The variable name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The value.</summary>
    public string Value { get; set; } = "";
}

/// <summary>One field of the limits editor, bound to a <see cref="FunctionLimits"/> draft.</summary>
/// <param name="Key">The field's camelCase name, as <see cref="LimitRanges.Validate"/> reports it.</param>
/// <param name="Label">The label shown.</param>
/// <param name="Hint">What the field means and its range.</param>
/// <param name="Get">Reads the field.</param>
/// <param name="Set">Writes the field.</param>
public sealed record LimitField(string Key, string Label, string Hint, Func<FunctionLimits, long> Get, Action<FunctionLimits, long> Set)
{
    /// <summary>The HTML id of the field's input.</summary>
    public string InputId => "limit-" + Key;
}

/// <summary>Drafts, fields and checks of the Configuration tab.</summary>
public static class ConfigurationDrafts
{
    /// <summary>The value shown in place of every secret; values are write-only.</summary>
    public const string SecretMask = "••••••••";

    /// <summary>Every field of <see cref="FunctionLimits"/>, in the order shown.</summary>
    public static IReadOnlyList<LimitField> LimitFields { get; } =
    [
        new("timeoutMs", "Timeout (ms)", Range("Wall-clock budget per request", LimitRanges.TimeoutMs),
            l => l.TimeoutMs, (l, v) => l.TimeoutMs = Narrow(v)),
        new("memoryMb", "Memory (MiB)", Range("Largest linear memory", LimitRanges.MemoryMb),
            l => l.MemoryMb, (l, v) => l.MemoryMb = Narrow(v)),
        new("fuel", "Fuel (instructions, 0 = off)", Range("Instruction budget per request", LimitRanges.Fuel),
            l => l.Fuel, (l, v) => l.Fuel = v),
        new("maxConcurrency", "Max concurrency", Range("Requests running at once", LimitRanges.MaxConcurrency),
            l => l.MaxConcurrency, (l, v) => l.MaxConcurrency = Narrow(v)),
        new("maxRequestBytes", "Max request (bytes)", Range("Largest request body", LimitRanges.MaxRequestBytes),
            l => l.MaxRequestBytes, (l, v) => l.MaxRequestBytes = v),
        new("maxResponseBytes", "Max response (bytes)", Range("Largest response", LimitRanges.MaxResponseBytes),
            l => l.MaxResponseBytes, (l, v) => l.MaxResponseBytes = v),
        new("rateLimitPerSecond", "Rate limit (requests/s, 0 = off)", Range("Sustained requests per second", LimitRanges.RateLimitPerSecond),
            l => l.RateLimitPerSecond, (l, v) => l.RateLimitPerSecond = Narrow(v)),
        new("rateLimitBurst", "Burst (requests)", Range("Requests allowed above the rate", LimitRanges.RateLimitBurst),
            l => l.RateLimitBurst, (l, v) => l.RateLimitBurst = Narrow(v)),
    ];

    /// <summary>A copy of <paramref name="limits"/> to edit.</summary>
    public static FunctionLimits Copy(FunctionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var copy = new FunctionLimits { FunctionId = limits.FunctionId };
        foreach (var field in LimitFields)
        {
            field.Set(copy, field.Get(limits));
        }

        return copy;
    }

    /// <summary>The validation message of each out-of-range field (by <see cref="LimitField.Key"/>), from <see cref="LimitRanges"/>.</summary>
    public static IReadOnlyDictionary<string, string> LimitErrors(FunctionLimits draft) =>
        LimitRanges.Validate(draft).ToDictionary(e => e.Key, e => e.Value[0]);

    /// <summary>The rows as a name → value map, or a message: a blank or invalid name, or a name used twice.</summary>
    public static (Dictionary<string, string>? Values, string? Error) EnvValues(IEnumerable<EnvRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var name = row.Name.Trim();
            if (!ConfigNames.IsValidVariable(name))
            {
                return (null, name.Length == 0
                    ? "Every variable needs a name."
                    : $"'{name}' is not a valid variable name: letters, digits and underscores, not starting with a digit.");
            }

            if (!values.TryAdd(name, row.Value))
            {
                return (null, $"'{name}' is defined twice.");
            }
        }

        return (values, null);
    }

    /// <summary>The CORS origins of a text area: one per line, blank lines ignored.</summary>
    public static IReadOnlyList<string> Origins(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string Range<T>(string what, (T Min, T Max, T Default) range) =>
        $"{what}: {range.Min}–{range.Max}, default {range.Default}.";

    // Out-of-range input must stay out of range (and be reported), not wrap around into a valid int.
    private static int Narrow(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);
}
