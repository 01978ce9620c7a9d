using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Djinn.Engine.Runtime;

/// <summary>
/// SIMD float arithmetic, comparisons and rounding (https://webassembly.github.io/spec/core/exec/numerics.html).
/// add/sub/mul/div/sqrt and rounding use the hardware, whose NaN results are quiet (arithmetic NaNs);
/// min/max are built from compares because minps/maxps do not follow WebAssembly's NaN and ±0 rules.
/// Method names equal the <see cref="Model.Opcode"/> names; the compiler finds them by name.
/// </summary>
internal static partial class RuntimeOps
{
    [MethodImpl(Inlined)] private static Vector128<float> F32(V v) => v.AsSingle();
    [MethodImpl(Inlined)] private static Vector128<double> F64(V v) => v.AsDouble();

    // ---- arithmetic ----

    [MethodImpl(Inlined)] public static V F32x4Add(V a, V b) => (F32(a) + F32(b)).AsByte();
    [MethodImpl(Inlined)] public static V F32x4Sub(V a, V b) => (F32(a) - F32(b)).AsByte();
    [MethodImpl(Inlined)] public static V F32x4Mul(V a, V b) => (F32(a) * F32(b)).AsByte();
    [MethodImpl(Inlined)] public static V F32x4Div(V a, V b) => (F32(a) / F32(b)).AsByte();
    [MethodImpl(Inlined)] public static V F32x4Sqrt(V a) => Vector128.Sqrt(F32(a)).AsByte();
    [MethodImpl(Inlined)] public static V F64x2Add(V a, V b) => (F64(a) + F64(b)).AsByte();
    [MethodImpl(Inlined)] public static V F64x2Sub(V a, V b) => (F64(a) - F64(b)).AsByte();
    [MethodImpl(Inlined)] public static V F64x2Mul(V a, V b) => (F64(a) * F64(b)).AsByte();
    [MethodImpl(Inlined)] public static V F64x2Div(V a, V b) => (F64(a) / F64(b)).AsByte();
    [MethodImpl(Inlined)] public static V F64x2Sqrt(V a) => Vector128.Sqrt(F64(a)).AsByte();

    // Not inlined, so the JIT cannot fold a constant identity operand (x + -0, x * 1, x + NaN) and skip the sNaN quieting.
    [MethodImpl(OutOfLine)] public static V F32x4AddStrict(V a, V b) => F32x4Add(a, b);
    [MethodImpl(OutOfLine)] public static V F32x4SubStrict(V a, V b) => F32x4Sub(a, b);
    [MethodImpl(OutOfLine)] public static V F32x4MulStrict(V a, V b) => F32x4Mul(a, b);
    [MethodImpl(OutOfLine)] public static V F32x4DivStrict(V a, V b) => F32x4Div(a, b);
    [MethodImpl(OutOfLine)] public static V F64x2AddStrict(V a, V b) => F64x2Add(a, b);
    [MethodImpl(OutOfLine)] public static V F64x2SubStrict(V a, V b) => F64x2Sub(a, b);
    [MethodImpl(OutOfLine)] public static V F64x2MulStrict(V a, V b) => F64x2Mul(a, b);
    [MethodImpl(OutOfLine)] public static V F64x2DivStrict(V a, V b) => F64x2Div(a, b);

    // ---- sign operations on the bits, so NaN payloads survive ----

    [MethodImpl(Inlined)] public static V F32x4Abs(V a) => (a.AsUInt32() & Vector128.Create(0x7FFF_FFFFu)).AsByte();
    [MethodImpl(Inlined)] public static V F32x4Neg(V a) => (a.AsUInt32() ^ Vector128.Create(0x8000_0000u)).AsByte();
    [MethodImpl(Inlined)] public static V F64x2Abs(V a) => (a.AsUInt64() & Vector128.Create(0x7FFF_FFFF_FFFF_FFFFul)).AsByte();
    [MethodImpl(Inlined)] public static V F64x2Neg(V a) => (a.AsUInt64() ^ Vector128.Create(0x8000_0000_0000_0000ul)).AsByte();

    // ---- min and max: a NaN operand gives the canonical NaN, and -0 < +0 ----

    [MethodImpl(Inlined)]
    public static V F32x4Min(V a, V b)
    {
        Vector128<float> x = F32(a), y = F32(b);
        // Equal lanes (only ±0 can differ) take the OR of the bits, so -0 wins; otherwise the smaller one.
        var r = Vector128.ConditionalSelect(Vector128.LessThan(x, y), x, y);
        r = Vector128.ConditionalSelect(Vector128.Equals(x, y), x | y, r);
        return NanToCanonical(x, y, r).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V F32x4Max(V a, V b)
    {
        Vector128<float> x = F32(a), y = F32(b);
        // Equal lanes take the AND of the bits, so +0 wins.
        var r = Vector128.ConditionalSelect(Vector128.GreaterThan(x, y), x, y);
        r = Vector128.ConditionalSelect(Vector128.Equals(x, y), x & y, r);
        return NanToCanonical(x, y, r).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V F64x2Min(V a, V b)
    {
        Vector128<double> x = F64(a), y = F64(b);
        var r = Vector128.ConditionalSelect(Vector128.LessThan(x, y), x, y);
        r = Vector128.ConditionalSelect(Vector128.Equals(x, y), x | y, r);
        return NanToCanonical(x, y, r).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V F64x2Max(V a, V b)
    {
        Vector128<double> x = F64(a), y = F64(b);
        var r = Vector128.ConditionalSelect(Vector128.GreaterThan(x, y), x, y);
        r = Vector128.ConditionalSelect(Vector128.Equals(x, y), x & y, r);
        return NanToCanonical(x, y, r).AsByte();
    }

    [MethodImpl(Inlined)]
    private static Vector128<float> NanToCanonical(Vector128<float> x, Vector128<float> y, Vector128<float> r)
    {
        var ordered = Vector128.Equals(x, x) & Vector128.Equals(y, y);
        return Vector128.ConditionalSelect(ordered, r, Vector128.Create(0x7FC0_0000u).AsSingle());
    }

    [MethodImpl(Inlined)]
    private static Vector128<double> NanToCanonical(Vector128<double> x, Vector128<double> y, Vector128<double> r)
    {
        var ordered = Vector128.Equals(x, x) & Vector128.Equals(y, y);
        return Vector128.ConditionalSelect(ordered, r, Vector128.Create(0x7FF8_0000_0000_0000ul).AsDouble());
    }

    // ---- pmin/pmax: exactly b < a ? b : a and a < b ? b : a, NaNs passed through untouched ----

    [MethodImpl(Inlined)] public static V F32x4Pmin(V a, V b) => Vector128.ConditionalSelect(Vector128.LessThan(F32(b), F32(a)).AsByte(), b, a);
    [MethodImpl(Inlined)] public static V F32x4Pmax(V a, V b) => Vector128.ConditionalSelect(Vector128.LessThan(F32(a), F32(b)).AsByte(), b, a);
    [MethodImpl(Inlined)] public static V F64x2Pmin(V a, V b) => Vector128.ConditionalSelect(Vector128.LessThan(F64(b), F64(a)).AsByte(), b, a);
    [MethodImpl(Inlined)] public static V F64x2Pmax(V a, V b) => Vector128.ConditionalSelect(Vector128.LessThan(F64(a), F64(b)).AsByte(), b, a);

    // ---- comparisons (ordered, except ne which is true for NaN) ----

    [MethodImpl(Inlined)] public static V F32x4Eq(V a, V b) => Vector128.Equals(F32(a), F32(b)).AsByte();
    [MethodImpl(Inlined)] public static V F32x4Ne(V a, V b) => (~Vector128.Equals(F32(a), F32(b))).AsByte();
    [MethodImpl(Inlined)] public static V F32x4Lt(V a, V b) => Vector128.LessThan(F32(a), F32(b)).AsByte();
    [MethodImpl(Inlined)] public static V F32x4Gt(V a, V b) => Vector128.GreaterThan(F32(a), F32(b)).AsByte();
    [MethodImpl(Inlined)] public static V F32x4Le(V a, V b) => Vector128.LessThanOrEqual(F32(a), F32(b)).AsByte();
    [MethodImpl(Inlined)] public static V F32x4Ge(V a, V b) => Vector128.GreaterThanOrEqual(F32(a), F32(b)).AsByte();
    [MethodImpl(Inlined)] public static V F64x2Eq(V a, V b) => Vector128.Equals(F64(a), F64(b)).AsByte();
    [MethodImpl(Inlined)] public static V F64x2Ne(V a, V b) => (~Vector128.Equals(F64(a), F64(b))).AsByte();
    [MethodImpl(Inlined)] public static V F64x2Lt(V a, V b) => Vector128.LessThan(F64(a), F64(b)).AsByte();
    [MethodImpl(Inlined)] public static V F64x2Gt(V a, V b) => Vector128.GreaterThan(F64(a), F64(b)).AsByte();
    [MethodImpl(Inlined)] public static V F64x2Le(V a, V b) => Vector128.LessThanOrEqual(F64(a), F64(b)).AsByte();
    [MethodImpl(Inlined)] public static V F64x2Ge(V a, V b) => Vector128.GreaterThanOrEqual(F64(a), F64(b)).AsByte();

    // ---- rounding: roundps/roundpd with SSE4.1, otherwise lane by lane with the scalar ops ----

    private const int RoundCeil = 0, RoundFloor = 1, RoundTrunc = 2, RoundNearest = 3;

    [MethodImpl(Inlined)]
    public static V F32x4Ceil(V a) => Sse41.IsSupported ? Sse41.RoundToPositiveInfinity(F32(a)).AsByte() : RoundLanes(a, RoundCeil);

    [MethodImpl(Inlined)]
    public static V F32x4Floor(V a) => Sse41.IsSupported ? Sse41.RoundToNegativeInfinity(F32(a)).AsByte() : RoundLanes(a, RoundFloor);

    [MethodImpl(Inlined)]
    public static V F32x4Trunc(V a) => Sse41.IsSupported ? Sse41.RoundToZero(F32(a)).AsByte() : RoundLanes(a, RoundTrunc);

    [MethodImpl(Inlined)]
    public static V F32x4Nearest(V a) => Sse41.IsSupported ? Sse41.RoundToNearestInteger(F32(a)).AsByte() : RoundLanes(a, RoundNearest);

    [MethodImpl(Inlined)]
    public static V F64x2Ceil(V a) => Sse41.IsSupported ? Sse41.RoundToPositiveInfinity(F64(a)).AsByte() : RoundLanes64(a, RoundCeil);

    [MethodImpl(Inlined)]
    public static V F64x2Floor(V a) => Sse41.IsSupported ? Sse41.RoundToNegativeInfinity(F64(a)).AsByte() : RoundLanes64(a, RoundFloor);

    [MethodImpl(Inlined)]
    public static V F64x2Trunc(V a) => Sse41.IsSupported ? Sse41.RoundToZero(F64(a)).AsByte() : RoundLanes64(a, RoundTrunc);

    [MethodImpl(Inlined)]
    public static V F64x2Nearest(V a) => Sse41.IsSupported ? Sse41.RoundToNearestInteger(F64(a)).AsByte() : RoundLanes64(a, RoundNearest);

    [MethodImpl(Optimized)]
    private static V RoundLanes(V a, int mode)
    {
        var x = F32(a);
        return Vector128.Create(Round(x.GetElement(0), mode), Round(x.GetElement(1), mode),
            Round(x.GetElement(2), mode), Round(x.GetElement(3), mode)).AsByte();
    }

    [MethodImpl(Optimized)]
    private static V RoundLanes64(V a, int mode)
    {
        var x = F64(a);
        return Vector128.Create(Round(x.GetElement(0), mode), Round(x.GetElement(1), mode)).AsByte();
    }

    [MethodImpl(Optimized)]
    private static float Round(float x, int mode) => mode switch
    {
        RoundCeil => CeilF32(x),
        RoundFloor => FloorF32(x),
        RoundTrunc => TruncF32(x),
        _ => NearestF32(x),
    };

    [MethodImpl(Optimized)]
    private static double Round(double x, int mode) => mode switch
    {
        RoundCeil => CeilF64(x),
        RoundFloor => FloorF64(x),
        RoundTrunc => TruncF64(x),
        _ => NearestF64(x),
    };
}
