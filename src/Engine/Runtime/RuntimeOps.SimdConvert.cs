using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Djinn.Engine.Runtime;

/// <summary>
/// SIMD conversions between integer and float lanes (https://webassembly.github.io/spec/core/exec/numerics.html#conversions).
/// Out-of-range and NaN lanes are fixed up with compares, so the result does not depend on what the hardware's
/// conversion gives for them. Method names equal the <see cref="Model.Opcode"/> names.
/// </summary>
internal static partial class RuntimeOps
{
    private const float TwoPow31F = 2147483648f;
    private const float TwoPow32F = 4294967296f;

    /// <summary>i32x4.trunc_sat_f32x4_s: NaN → 0, below range → int.MinValue, above → int.MaxValue.</summary>
    [MethodImpl(Inlined)]
    public static V I32x4TruncSatF32x4S(V a)
    {
        var x = F32(a);
        var inRange = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(x, Vector128.Create(-TwoPow31F)), x, Vector128.Create(-TwoPow31F));
        inRange = Vector128.ConditionalSelect(Vector128.LessThan(inRange, Vector128.Create(TwoPow31F)), inRange, Vector128<float>.Zero);
        var r = Vector128.ConvertToInt32(inRange);
        r = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(x, Vector128.Create(TwoPow31F)).AsInt32(), Vector128.Create(int.MaxValue), r);
        return (r & Vector128.Equals(x, x).AsInt32()).AsByte();
    }

    /// <summary>i32x4.trunc_sat_f32x4_u: NaN and negatives → 0, above range → uint.MaxValue; lanes ≥ 2^31 convert after subtracting 2^31.</summary>
    [MethodImpl(Inlined)]
    public static V I32x4TruncSatF32x4U(V a)
    {
        var x = F32(a);
        x = Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<float>.Zero), x, Vector128<float>.Zero);
        var top = Vector128.GreaterThanOrEqual(x, Vector128.Create(TwoPow31F));
        var tooBig = Vector128.GreaterThanOrEqual(x, Vector128.Create(TwoPow32F));
        var reduced = Vector128.ConditionalSelect(top, x - Vector128.Create(TwoPow31F), x);
        reduced = Vector128.ConditionalSelect(tooBig, Vector128<float>.Zero, reduced);
        var r = Vector128.ConvertToInt32(reduced).AsUInt32() + (top.AsUInt32() & Vector128.Create(0x8000_0000u));
        return (r | tooBig.AsUInt32()).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V F32x4ConvertI32x4S(V a) => Vector128.ConvertToSingle(a.AsInt32()).AsByte();

    /// <summary>f32x4.convert_i32x4_u with one rounding: the high 16 bits (exact, scaled exactly) plus the low 16 bits (exact).</summary>
    [MethodImpl(Inlined)]
    public static V F32x4ConvertI32x4U(V a)
    {
        var u = a.AsInt32();
        var high = Vector128.ConvertToSingle(Vector128.ShiftRightLogical(u, 16)) * Vector128.Create(65536f);
        var low = Vector128.ConvertToSingle(u & Vector128.Create(0xFFFF));
        return (high + low).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V I32x4TruncSatF64x2SZero(V a)
    {
        var x = F64(a);
        return Vector128.Create(TruncSatF64S32(x.GetElement(0)), TruncSatF64S32(x.GetElement(1)), 0, 0).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V I32x4TruncSatF64x2UZero(V a)
    {
        var x = F64(a);
        return Vector128.Create(TruncSatF64U32(x.GetElement(0)), TruncSatF64U32(x.GetElement(1)), 0, 0).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V F64x2ConvertLowI32x4S(V a)
    {
        var x = a.AsInt32();
        return Vector128.Create((double)x.GetElement(0), x.GetElement(1)).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V F64x2ConvertLowI32x4U(V a)
    {
        var x = a.AsUInt32();
        return Vector128.Create((double)x.GetElement(0), x.GetElement(1)).AsByte();
    }

    /// <summary>f32x4.demote_f64x2_zero: the two lanes rounded to f32 (NaNs stay NaN and quiet), upper lanes zero.</summary>
    [MethodImpl(Inlined)]
    public static V F32x4DemoteF64x2Zero(V a)
    {
        var x = F64(a);
        return Vector128.Create((float)x.GetElement(0), (float)x.GetElement(1), 0f, 0f).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V F64x2PromoteLowF32x4(V a)
    {
        var x = F32(a);
        return Vector128.Create((double)x.GetElement(0), x.GetElement(1)).AsByte();
    }
}
