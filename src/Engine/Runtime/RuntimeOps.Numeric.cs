using System.Runtime.CompilerServices;

namespace Djinn.Engine.Runtime;

/// <summary>
/// Numeric operations whose WebAssembly semantics differ from the plain IL opcode
/// (https://webassembly.github.io/spec/core/exec/numerics.html).
/// </summary>
internal static partial class RuntimeOps
{
    [MethodImpl(Inlined)]
    public static int DivS32(int a, int b)
    {
        if (b == 0) throw Trap(TrapCode.IntegerDivisionByZero);
        if (b == -1 && a == int.MinValue) throw Trap(TrapCode.IntegerOverflow);
        return a / b;
    }

    [MethodImpl(Inlined)]
    public static int RemS32(int a, int b)
    {
        if (b == 0) throw Trap(TrapCode.IntegerDivisionByZero);
        return b == -1 ? 0 : a % b;
    }

    [MethodImpl(Inlined)]
    public static long DivS64(long a, long b)
    {
        if (b == 0) throw Trap(TrapCode.IntegerDivisionByZero);
        if (b == -1 && a == long.MinValue) throw Trap(TrapCode.IntegerOverflow);
        return a / b;
    }

    [MethodImpl(Inlined)]
    public static long RemS64(long a, long b)
    {
        if (b == 0) throw Trap(TrapCode.IntegerDivisionByZero);
        return b == -1 ? 0 : a % b;
    }

    // ---- floats: sign operations work on bits so NaN payloads survive ----

    [MethodImpl(Inlined)] public static float CopysignF32(float a, float b) =>
        BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(a) & 0x7FFFFFFF) | (BitConverter.SingleToInt32Bits(b) & int.MinValue));
    [MethodImpl(Inlined)] public static double CopysignF64(double a, double b) =>
        BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(a) & long.MaxValue) | (BitConverter.DoubleToInt64Bits(b) & long.MinValue));

    [MethodImpl(Inlined)] public static float CeilF32(float a) => MathF.Ceiling(a);
    [MethodImpl(Inlined)] public static float FloorF32(float a) => MathF.Floor(a);
    [MethodImpl(Inlined)] public static float TruncF32(float a) => MathF.Truncate(a);
    [MethodImpl(Inlined)] public static float NearestF32(float a) => MathF.Round(a, MidpointRounding.ToEven);
    [MethodImpl(Inlined)] public static double CeilF64(double a) => Math.Ceiling(a);
    [MethodImpl(Inlined)] public static double FloorF64(double a) => Math.Floor(a);
    [MethodImpl(Inlined)] public static double TruncF64(double a) => Math.Truncate(a);
    [MethodImpl(Inlined)] public static double NearestF64(double a) => Math.Round(a, MidpointRounding.ToEven);

    [MethodImpl(Inlined)]
    public static float MinF32(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b)) return a + b;
        if (a == b) return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) | BitConverter.SingleToInt32Bits(b));
        return a < b ? a : b;
    }

    [MethodImpl(Inlined)]
    public static float MaxF32(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b)) return a + b;
        if (a == b) return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) & BitConverter.SingleToInt32Bits(b));
        return a > b ? a : b;
    }

    [MethodImpl(Inlined)]
    public static double MinF64(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return a + b;
        if (a == b) return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) | BitConverter.DoubleToInt64Bits(b));
        return a < b ? a : b;
    }

    [MethodImpl(Inlined)]
    public static double MaxF64(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return a + b;
        if (a == b) return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & BitConverter.DoubleToInt64Bits(b));
        return a > b ? a : b;
    }

    // Not inlined, so the JIT cannot fold an identity operand away (see FunctionCompiler.FloatArithmetic).
    [MethodImpl(OutOfLine)] public static float AddF32Strict(float a, float b) => a + b;
    [MethodImpl(OutOfLine)] public static float SubF32Strict(float a, float b) => a - b;
    [MethodImpl(OutOfLine)] public static float MulF32Strict(float a, float b) => a * b;
    [MethodImpl(OutOfLine)] public static float DivF32Strict(float a, float b) => a / b;
    [MethodImpl(OutOfLine)] public static double AddF64Strict(double a, double b) => a + b;
    [MethodImpl(OutOfLine)] public static double SubF64Strict(double a, double b) => a - b;
    [MethodImpl(OutOfLine)] public static double MulF64Strict(double a, double b) => a * b;
    [MethodImpl(OutOfLine)] public static double DivF64Strict(double a, double b) => a / b;

    // ---- trapping float -> int ----

    [MethodImpl(Optimized)] private static Exception BadTrunc(double a) => Trap(double.IsNaN(a) ? TrapCode.BadConversionToInteger : TrapCode.IntegerOverflow);

    [MethodImpl(Optimized)] public static int TruncF32S32(float a) => a >= -2147483648f && a < 2147483648f ? (int)a : throw BadTrunc(a);
    [MethodImpl(Optimized)] public static int TruncF32U32(float a) => a > -1f && a < 4294967296f ? (int)(uint)a : throw BadTrunc(a);
    [MethodImpl(Optimized)] public static int TruncF64S32(double a) => a > -2147483649.0 && a < 2147483648.0 ? (int)a : throw BadTrunc(a);
    [MethodImpl(Optimized)] public static int TruncF64U32(double a) => a > -1.0 && a < 4294967296.0 ? (int)(uint)a : throw BadTrunc(a);
    [MethodImpl(Optimized)] public static long TruncF32S64(float a) => a >= -9223372036854775808f && a < 9223372036854775808f ? (long)a : throw BadTrunc(a);
    [MethodImpl(Optimized)] public static long TruncF32U64(float a) => a > -1f && a < 18446744073709551616f ? (long)(ulong)a : throw BadTrunc(a);
    [MethodImpl(Optimized)] public static long TruncF64S64(double a) => a >= -9223372036854775808.0 && a < 9223372036854775808.0 ? (long)a : throw BadTrunc(a);
    [MethodImpl(Optimized)] public static long TruncF64U64(double a) => a > -1.0 && a < 18446744073709551616.0 ? (long)(ulong)a : throw BadTrunc(a);

    // ---- saturating float -> int ----

    [MethodImpl(Optimized)] public static int TruncSatF32S32(float a) => float.IsNaN(a) ? 0 : a < -2147483648f ? int.MinValue : a >= 2147483648f ? int.MaxValue : (int)a;
    [MethodImpl(Optimized)] public static int TruncSatF32U32(float a) => float.IsNaN(a) || a <= -1f ? 0 : a >= 4294967296f ? -1 : (int)(uint)a;
    [MethodImpl(Optimized)] public static int TruncSatF64S32(double a) => double.IsNaN(a) ? 0 : a <= -2147483649.0 ? int.MinValue : a >= 2147483648.0 ? int.MaxValue : (int)a;
    [MethodImpl(Optimized)] public static int TruncSatF64U32(double a) => double.IsNaN(a) || a <= -1.0 ? 0 : a >= 4294967296.0 ? -1 : (int)(uint)a;
    [MethodImpl(Optimized)] public static long TruncSatF32S64(float a) => float.IsNaN(a) ? 0 : a < -9223372036854775808f ? long.MinValue : a >= 9223372036854775808f ? long.MaxValue : (long)a;
    [MethodImpl(Optimized)] public static long TruncSatF32U64(float a) => float.IsNaN(a) || a <= -1f ? 0 : a >= 18446744073709551616f ? -1 : (long)(ulong)a;
    [MethodImpl(Optimized)] public static long TruncSatF64S64(double a) => double.IsNaN(a) ? 0 : a < -9223372036854775808.0 ? long.MinValue : a >= 9223372036854775808.0 ? long.MaxValue : (long)a;
    [MethodImpl(Optimized)] public static long TruncSatF64U64(double a) => double.IsNaN(a) || a <= -1.0 ? 0 : a >= 18446744073709551616.0 ? -1 : (long)(ulong)a;

    // ---- int -> float with exactly one rounding ----

    [MethodImpl(Inlined)]
    public static float ConvertS64F32(long a) => (float)a;

    [MethodImpl(Optimized)]
    public static float ConvertU64F32(long a)
    {
        if (a >= 0) return (float)a;
        // Halve with a sticky low bit so the single rounding of the signed conversion stays correct.
        ulong u = (ulong)a;
        return (float)(long)((u >> 1) | (u & 1)) * 2f;
    }

    [MethodImpl(Optimized)]
    public static double ConvertU64F64(long a)
    {
        if (a >= 0) return a;
        ulong u = (ulong)a;
        return (double)(long)((u >> 1) | (u & 1)) * 2.0;
    }

    [MethodImpl(Inlined)] public static double ReinterpretI64(long a) => BitConverter.Int64BitsToDouble(a);

    /// <summary>
    /// An f32 NaN constant with its exact payload. Not inlined: RyuJIT folds <c>Int32BitsToSingle(constant)</c> into a
    /// float constant that it holds as a double, and the float→double→float round trip quiets a signalling NaN.
    /// </summary>
    [MethodImpl(OutOfLine)] public static float F32NaNConstant(int bits) => BitConverter.Int32BitsToSingle(bits);
}
