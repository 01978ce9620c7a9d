using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Djinn.Engine.Runtime;

/// <summary>
/// SIMD saturating, widening and narrowing integer operations (https://webassembly.github.io/spec/core/exec/numerics.html):
/// SSE2/SSSE3/SSE4.1 instructions where they compute exactly the WebAssembly result, portable <see cref="Vector128"/> code otherwise.
/// Method names equal the <see cref="Model.Opcode"/> names; the compiler finds them by name.
/// </summary>
internal static partial class RuntimeOps
{
    // ---- saturating add and sub ----

    [MethodImpl(Inlined)]
    public static V I8x16AddSatS(V a, V b)
    {
        if (Sse2.IsSupported) return Sse2.AddSaturate(a.AsSByte(), b.AsSByte()).AsByte();
        var (al, ah) = Vector128.Widen(a.AsSByte());
        var (bl, bh) = Vector128.Widen(b.AsSByte());
        return Vector128.Narrow(Clamp(al + bl, -128, 127), Clamp(ah + bh, -128, 127)).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V I8x16SubSatS(V a, V b)
    {
        if (Sse2.IsSupported) return Sse2.SubtractSaturate(a.AsSByte(), b.AsSByte()).AsByte();
        var (al, ah) = Vector128.Widen(a.AsSByte());
        var (bl, bh) = Vector128.Widen(b.AsSByte());
        return Vector128.Narrow(Clamp(al - bl, -128, 127), Clamp(ah - bh, -128, 127)).AsByte();
    }

    /// <summary>a + min(b, ~a): the addend is cut to the headroom left above a.</summary>
    [MethodImpl(Inlined)]
    public static V I8x16AddSatU(V a, V b) => Sse2.IsSupported ? Sse2.AddSaturate(a, b) : a + Vector128.Min(b, ~a);

    /// <summary>max(a, b) - b: zero wherever b ≥ a.</summary>
    [MethodImpl(Inlined)]
    public static V I8x16SubSatU(V a, V b) => Sse2.IsSupported ? Sse2.SubtractSaturate(a, b) : Vector128.Max(a, b) - b;

    [MethodImpl(Inlined)]
    public static V I16x8AddSatS(V a, V b)
    {
        if (Sse2.IsSupported) return Sse2.AddSaturate(a.AsInt16(), b.AsInt16()).AsByte();
        var (al, ah) = Vector128.Widen(a.AsInt16());
        var (bl, bh) = Vector128.Widen(b.AsInt16());
        return Vector128.Narrow(Clamp(al + bl, short.MinValue, short.MaxValue), Clamp(ah + bh, short.MinValue, short.MaxValue)).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V I16x8SubSatS(V a, V b)
    {
        if (Sse2.IsSupported) return Sse2.SubtractSaturate(a.AsInt16(), b.AsInt16()).AsByte();
        var (al, ah) = Vector128.Widen(a.AsInt16());
        var (bl, bh) = Vector128.Widen(b.AsInt16());
        return Vector128.Narrow(Clamp(al - bl, short.MinValue, short.MaxValue), Clamp(ah - bh, short.MinValue, short.MaxValue)).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V I16x8AddSatU(V a, V b)
    {
        if (Sse2.IsSupported) return Sse2.AddSaturate(a.AsUInt16(), b.AsUInt16()).AsByte();
        var x = a.AsUInt16();
        return (x + Vector128.Min(b.AsUInt16(), ~x)).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V I16x8SubSatU(V a, V b)
    {
        if (Sse2.IsSupported) return Sse2.SubtractSaturate(a.AsUInt16(), b.AsUInt16()).AsByte();
        var y = b.AsUInt16();
        return (Vector128.Max(a.AsUInt16(), y) - y).AsByte();
    }

    [MethodImpl(Inlined)]
    private static Vector128<short> Clamp(Vector128<short> x, short min, short max) =>
        Vector128.Min(Vector128.Max(x, Vector128.Create(min)), Vector128.Create(max));

    [MethodImpl(Inlined)]
    private static Vector128<int> Clamp(Vector128<int> x, int min, int max) =>
        Vector128.Min(Vector128.Max(x, Vector128.Create(min)), Vector128.Create(max));

    // ---- popcnt, q15mulr, dot ----

    /// <summary>Bit count per byte: pairs, then nibbles, then the byte (the classic SWAR reduction).</summary>
    [MethodImpl(Inlined)]
    public static V I8x16Popcnt(V a)
    {
        var x = a - (ShrU8(a, 1) & Vector128.Create((byte)0x55));
        x = (x & Vector128.Create((byte)0x33)) + (ShrU8(x, 2) & Vector128.Create((byte)0x33));
        return (x + ShrU8(x, 4)) & Vector128.Create((byte)0x0F);
    }

    /// <summary>
    /// sat((a * b + 0x4000) >> 15). pmulhrsw computes exactly that except for -32768 * -32768, which must saturate:
    /// a result of -32768 from equal operands (a non-negative product) is that overflow.
    /// </summary>
    [MethodImpl(Inlined)]
    public static V I16x8Q15mulrSatS(V a, V b)
    {
        if (Ssse3.IsSupported)
        {
            var r = Ssse3.MultiplyHighRoundScale(a.AsInt16(), b.AsInt16());
            var overflow = Vector128.Equals(r, Vector128.Create(short.MinValue)) & Vector128.Equals(a.AsInt16(), b.AsInt16());
            return (r ^ overflow).AsByte();
        }
        var (al, ah) = Vector128.Widen(a.AsInt16());
        var (bl, bh) = Vector128.Widen(b.AsInt16());
        var round = Vector128.Create(0x4000);
        var lo = Vector128.ShiftRightArithmetic(al * bl + round, 15);
        var hi = Vector128.ShiftRightArithmetic(ah * bh + round, 15);
        return Vector128.Narrow(Clamp(lo, short.MinValue, short.MaxValue), Clamp(hi, short.MinValue, short.MaxValue)).AsByte();
    }

    /// <summary>i32x4.dot_i16x8_s: sums of adjacent signed products, wrapping (pmaddwd).</summary>
    [MethodImpl(Inlined)]
    public static V I32x4DotI16x8S(V a, V b)
    {
        if (Sse2.IsSupported) return Sse2.MultiplyAddAdjacent(a.AsInt16(), b.AsInt16()).AsByte();
        var (ae, ao) = EvenOddS16(a);
        var (be, bo) = EvenOddS16(b);
        return (ae * be + ao * bo).AsByte();
    }

    // ---- extadd_pairwise: even lanes come from a left-then-right shift, odd lanes from a right shift ----

    [MethodImpl(Inlined)]
    public static V I16x8ExtaddPairwiseI8x16S(V a)
    {
        var x = a.AsInt16();
        return (Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(x, 8), 8) + Vector128.ShiftRightArithmetic(x, 8)).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V I16x8ExtaddPairwiseI8x16U(V a)
    {
        var x = a.AsUInt16();
        return ((x & Vector128.Create((ushort)0xFF)) + Vector128.ShiftRightLogical(x, 8)).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V I32x4ExtaddPairwiseI16x8S(V a)
    {
        var (even, odd) = EvenOddS16(a);
        return (even + odd).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V I32x4ExtaddPairwiseI16x8U(V a)
    {
        var x = a.AsUInt32();
        return ((x & Vector128.Create(0xFFFFu)) + Vector128.ShiftRightLogical(x, 16)).AsByte();
    }

    [MethodImpl(Inlined)]
    private static (Vector128<int> Even, Vector128<int> Odd) EvenOddS16(V a)
    {
        var x = a.AsInt32();
        return (Vector128.ShiftRightArithmetic(Vector128.ShiftLeft(x, 16), 16), Vector128.ShiftRightArithmetic(x, 16));
    }

    // ---- extmul: widen, then multiply (the products always fit) ----

    [MethodImpl(Inlined)] public static V I16x8ExtmulLowI8x16S(V a, V b) => (Vector128.WidenLower(a.AsSByte()) * Vector128.WidenLower(b.AsSByte())).AsByte();
    [MethodImpl(Inlined)] public static V I16x8ExtmulHighI8x16S(V a, V b) => (Vector128.WidenUpper(a.AsSByte()) * Vector128.WidenUpper(b.AsSByte())).AsByte();
    [MethodImpl(Inlined)] public static V I16x8ExtmulLowI8x16U(V a, V b) => (Vector128.WidenLower(a) * Vector128.WidenLower(b)).AsByte();
    [MethodImpl(Inlined)] public static V I16x8ExtmulHighI8x16U(V a, V b) => (Vector128.WidenUpper(a) * Vector128.WidenUpper(b)).AsByte();
    [MethodImpl(Inlined)] public static V I32x4ExtmulLowI16x8S(V a, V b) => (Vector128.WidenLower(a.AsInt16()) * Vector128.WidenLower(b.AsInt16())).AsByte();
    [MethodImpl(Inlined)] public static V I32x4ExtmulHighI16x8S(V a, V b) => (Vector128.WidenUpper(a.AsInt16()) * Vector128.WidenUpper(b.AsInt16())).AsByte();
    [MethodImpl(Inlined)] public static V I32x4ExtmulLowI16x8U(V a, V b) => (Vector128.WidenLower(a.AsUInt16()) * Vector128.WidenLower(b.AsUInt16())).AsByte();
    [MethodImpl(Inlined)] public static V I32x4ExtmulHighI16x8U(V a, V b) => (Vector128.WidenUpper(a.AsUInt16()) * Vector128.WidenUpper(b.AsUInt16())).AsByte();
    [MethodImpl(Inlined)] public static V I64x2ExtmulLowI32x4S(V a, V b) => (Vector128.WidenLower(a.AsInt32()) * Vector128.WidenLower(b.AsInt32())).AsByte();
    [MethodImpl(Inlined)] public static V I64x2ExtmulHighI32x4S(V a, V b) => (Vector128.WidenUpper(a.AsInt32()) * Vector128.WidenUpper(b.AsInt32())).AsByte();
    [MethodImpl(Inlined)] public static V I64x2ExtmulLowI32x4U(V a, V b) => (Vector128.WidenLower(a.AsUInt32()) * Vector128.WidenLower(b.AsUInt32())).AsByte();
    [MethodImpl(Inlined)] public static V I64x2ExtmulHighI32x4U(V a, V b) => (Vector128.WidenUpper(a.AsUInt32()) * Vector128.WidenUpper(b.AsUInt32())).AsByte();

    // ---- extend ----

    [MethodImpl(Inlined)] public static V I16x8ExtendLowI8x16S(V a) => Vector128.WidenLower(a.AsSByte()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8ExtendHighI8x16S(V a) => Vector128.WidenUpper(a.AsSByte()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8ExtendLowI8x16U(V a) => Vector128.WidenLower(a).AsByte();
    [MethodImpl(Inlined)] public static V I16x8ExtendHighI8x16U(V a) => Vector128.WidenUpper(a).AsByte();
    [MethodImpl(Inlined)] public static V I32x4ExtendLowI16x8S(V a) => Vector128.WidenLower(a.AsInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4ExtendHighI16x8S(V a) => Vector128.WidenUpper(a.AsInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4ExtendLowI16x8U(V a) => Vector128.WidenLower(a.AsUInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4ExtendHighI16x8U(V a) => Vector128.WidenUpper(a.AsUInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I64x2ExtendLowI32x4S(V a) => Vector128.WidenLower(a.AsInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I64x2ExtendHighI32x4S(V a) => Vector128.WidenUpper(a.AsInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I64x2ExtendLowI32x4U(V a) => Vector128.WidenLower(a.AsUInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I64x2ExtendHighI32x4U(V a) => Vector128.WidenUpper(a.AsUInt32()).AsByte();

    // ---- narrow: signed inputs, saturated to the narrower signed or unsigned range ----

    [MethodImpl(Inlined)]
    public static V I8x16NarrowI16x8S(V a, V b)
    {
        if (Sse2.IsSupported) return Sse2.PackSignedSaturate(a.AsInt16(), b.AsInt16()).AsByte();
        return Vector128.Narrow(Clamp(a.AsInt16(), sbyte.MinValue, sbyte.MaxValue), Clamp(b.AsInt16(), sbyte.MinValue, sbyte.MaxValue)).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V I8x16NarrowI16x8U(V a, V b)
    {
        if (Sse2.IsSupported) return Sse2.PackUnsignedSaturate(a.AsInt16(), b.AsInt16());
        return Vector128.Narrow(Clamp(a.AsInt16(), 0, byte.MaxValue).AsUInt16(), Clamp(b.AsInt16(), 0, byte.MaxValue).AsUInt16());
    }

    [MethodImpl(Inlined)]
    public static V I16x8NarrowI32x4S(V a, V b)
    {
        if (Sse2.IsSupported) return Sse2.PackSignedSaturate(a.AsInt32(), b.AsInt32()).AsByte();
        return Vector128.Narrow(Clamp(a.AsInt32(), short.MinValue, short.MaxValue), Clamp(b.AsInt32(), short.MinValue, short.MaxValue)).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V I16x8NarrowI32x4U(V a, V b)
    {
        if (Sse41.IsSupported) return Sse41.PackUnsignedSaturate(a.AsInt32(), b.AsInt32()).AsByte();
        return Vector128.Narrow(Clamp(a.AsInt32(), 0, ushort.MaxValue).AsUInt32(), Clamp(b.AsInt32(), 0, ushort.MaxValue).AsUInt32()).AsByte();
    }
}
