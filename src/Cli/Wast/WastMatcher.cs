using Djinn.Engine;
using Djinn.Engine.Text;

namespace Djinn.Cli.Wast;

/// <summary>
/// Compares results against <c>assert_return</c> expectations: numbers bit for bit, NaN patterns
/// (https://github.com/WebAssembly/spec/tree/main/interpreter#scripts), references and v128 lanes.
/// </summary>
internal static class WastMatcher
{
    private const uint F32Magnitude = 0x7FFF_FFFF;
    private const uint F32CanonicalNan = 0x7FC0_0000;
    private const uint F32Exponent = 0x7F80_0000;
    private const uint F32QuietBit = 0x0040_0000;
    private const ulong F64Magnitude = 0x7FFF_FFFF_FFFF_FFFF;
    private const ulong F64CanonicalNan = 0x7FF8_0000_0000_0000;
    private const ulong F64Exponent = 0x7FF0_0000_0000_0000;
    private const ulong F64QuietBit = 0x0008_0000_0000_0000;

    /// <summary>nan:canonical for f32: exponent all ones, only the quiet bit of the payload set, either sign.</summary>
    public static bool IsCanonicalNan(uint bits) => (bits & F32Magnitude) == F32CanonicalNan;

    /// <summary>nan:arithmetic for f32: a NaN whose quiet bit is set, any payload, either sign.</summary>
    public static bool IsArithmeticNan(uint bits) => (bits & F32Exponent) == F32Exponent && (bits & F32QuietBit) != 0;

    /// <summary>nan:canonical for f64.</summary>
    public static bool IsCanonicalNan(ulong bits) => (bits & F64Magnitude) == F64CanonicalNan;

    /// <summary>nan:arithmetic for f64.</summary>
    public static bool IsArithmeticNan(ulong bits) => (bits & F64Exponent) == F64Exponent && (bits & F64QuietBit) != 0;

    /// <summary>
    /// Compares all results of an action with the expectations; returns null when they match,
    /// otherwise a message naming the first mismatch.
    /// </summary>
    public static string? Compare(IReadOnlyList<object?> actual, IReadOnlyList<WastExpected> expected)
    {
        if (actual.Count != expected.Count)
        {
            return $"expected {expected.Count} result(s) [{string.Join(", ", expected.Select(WastValues.Describe))}], " +
                   $"got {actual.Count} [{string.Join(", ", actual.Select(WastValues.Describe))}]";
        }
        for (int i = 0; i < actual.Count; i++)
        {
            if (!Matches(actual[i], expected[i]))
            {
                string position = actual.Count == 1 ? "result" : $"result {i}";
                return $"{position}: expected {WastValues.Describe(expected[i])}, got {WastValues.Describe(actual[i])}";
            }
        }
        return null;
    }

    /// <summary>True when one boxed result satisfies one expectation.</summary>
    public static bool Matches(object? actual, WastExpected expected) => expected.Kind switch
    {
        WastExpectedKind.Exact => expected.Value is not null && MatchesExact(actual, expected.Value),
        WastExpectedKind.CanonicalNan => actual switch
        {
            float f => expected.Type == ValueKind.F32 && IsCanonicalNan(F32Bits(f)),
            double d => expected.Type == ValueKind.F64 && IsCanonicalNan(F64Bits(d)),
            _ => false,
        },
        WastExpectedKind.ArithmeticNan => actual switch
        {
            float f => expected.Type == ValueKind.F32 && IsArithmeticNan(F32Bits(f)),
            double d => expected.Type == ValueKind.F64 && IsArithmeticNan(F64Bits(d)),
            _ => false,
        },
        WastExpectedKind.AnyFuncRef => actual is Function,
        WastExpectedKind.AnyExternRef => actual is not null and not Function,
        WastExpectedKind.Lanes => actual is V128 v && MatchesLanes(v, expected),
        _ => false,
    };

    /// <summary>Bit-exact comparison with a constant (or null / host reference identity for references).</summary>
    public static bool MatchesExact(object? actual, WastValue expected) => expected.Kind switch
    {
        ValueKind.I32 => actual is int i && (uint)i == (uint)expected.Low,
        ValueKind.I64 => actual is long l && (ulong)l == expected.Low,
        ValueKind.F32 => actual is float f && F32Bits(f) == (uint)expected.Low,
        ValueKind.F64 => actual is double d && F64Bits(d) == expected.Low,
        ValueKind.V128 => actual is V128 v && v.Low == expected.Low && v.High == expected.High,
        ValueKind.FuncRef => expected.IsNull ? actual is null : actual is Function,
        ValueKind.ExternRef => expected.IsNull ? actual is null : actual is HostReference h && h.Number == expected.Low,
        _ => false,
    };

    /// <summary>Lane-wise comparison of a v128 result (<c>i8x16</c> ... <c>f64x2</c>).</summary>
    public static bool MatchesLanes(V128 actual, WastExpected expected)
    {
        if (expected.Lanes is null || !TryParseShape(expected.LaneShape, out int width, out bool isFloat)) return false;
        int count = 128 / width;
        if (expected.Lanes.Length != count) return false;
        for (int lane = 0; lane < count; lane++)
        {
            ulong bits = ExtractLane(actual, lane, width);
            var pattern = expected.Lanes[lane];
            bool ok = pattern.Kind switch
            {
                WastExpectedKind.Exact => pattern.Value is not null && bits == (pattern.Value.Low & LaneMask(width)),
                WastExpectedKind.CanonicalNan => isFloat && (width == 32 ? IsCanonicalNan((uint)bits) : IsCanonicalNan(bits)),
                WastExpectedKind.ArithmeticNan => isFloat && (width == 32 ? IsArithmeticNan((uint)bits) : IsArithmeticNan(bits)),
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>Reads lane <paramref name="lane"/> of <paramref name="width"/> bits (8, 16, 32 or 64), little-endian.</summary>
    public static ulong ExtractLane(V128 value, int lane, int width)
    {
        int bitOffset = lane * width;
        ulong half = bitOffset < 64 ? value.Low : value.High;
        return (half >> (bitOffset % 64)) & LaneMask(width);
    }

    /// <summary>Parses a lane shape such as <c>i8x16</c> or <c>f32x4</c>.</summary>
    public static bool TryParseShape(string? shape, out int width, out bool isFloat)
    {
        (width, isFloat) = shape switch
        {
            "i8x16" => (8, false),
            "i16x8" => (16, false),
            "i32x4" => (32, false),
            "i64x2" => (64, false),
            "f32x4" => (32, true),
            "f64x2" => (64, true),
            _ => (0, false),
        };
        return width != 0;
    }

    private static ulong LaneMask(int width) => width == 64 ? ulong.MaxValue : (1UL << width) - 1;

    private static uint F32Bits(float value) => (uint)BitConverter.SingleToInt32Bits(value);

    private static ulong F64Bits(double value) => (ulong)BitConverter.DoubleToInt64Bits(value);
}
