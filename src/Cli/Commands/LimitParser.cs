using System.Globalization;

namespace Djinn.Cli.Commands;

/// <summary>Parses the limit options of <c>djinn run</c>: durations (500ms, 2s, 1m) and sizes (64MiB, 512KiB, 1GiB, 1048576).</summary>
internal static class LimitParser
{
    private static readonly (string Suffix, double Scale)[] DurationUnits = [("ms", 1), ("s", 1000), ("m", 60_000)];

    private static readonly (string Suffix, long Scale)[] SizeUnits =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30),
        ("KB", 1000), ("MB", 1000_000), ("GB", 1000_000_000),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("B", 1),
    ];

    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text)) return false;
        foreach (var (suffix, scale) in DurationUnits)
        {
            if (!text.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var number = text[..^suffix.Length];
            if (number.EndsWith('m')) continue; // "ms" is matched before "s"; "1ms" never reaches here.
            if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) || value <= 0) return false;
            duration = TimeSpan.FromMilliseconds(value * scale);
            return duration <= TimeSpan.FromDays(1);
        }
        return false;
    }

    public static bool TryParseSize(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrEmpty(text)) return false;
        long scale = 1;
        string number = text;
        foreach (var (suffix, factor) in SizeUnits)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                scale = factor;
                number = text[..^suffix.Length];
                break;
            }
        }
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value <= 0) return false;
        if (value > long.MaxValue / scale) return false;
        bytes = value * scale;
        return true;
    }
}
