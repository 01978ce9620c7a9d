using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Djinn.Engine.Runtime;

/// <summary>
/// SIMD integer arithmetic, comparisons and shifts (https://webassembly.github.io/spec/core/exec/numerics.html).
/// Method names equal the <see cref="Model.Opcode"/> names; the compiler finds them by name.
/// Comparisons give all-ones lanes for true and zero lanes for false, as <see cref="Vector128"/> does.
/// </summary>
internal static partial class RuntimeOps
{
    // ---- comparisons ----

    [MethodImpl(Inlined)] public static V I8x16Eq(V a, V b) => Vector128.Equals(a, b);
    [MethodImpl(Inlined)] public static V I8x16Ne(V a, V b) => ~Vector128.Equals(a, b);
    [MethodImpl(Inlined)] public static V I8x16LtS(V a, V b) => Vector128.LessThan(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Inlined)] public static V I8x16LtU(V a, V b) => Vector128.LessThan(a, b);
    [MethodImpl(Inlined)] public static V I8x16GtS(V a, V b) => Vector128.GreaterThan(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Inlined)] public static V I8x16GtU(V a, V b) => Vector128.GreaterThan(a, b);
    [MethodImpl(Inlined)] public static V I8x16LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Inlined)] public static V I8x16LeU(V a, V b) => Vector128.LessThanOrEqual(a, b);
    [MethodImpl(Inlined)] public static V I8x16GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Inlined)] public static V I8x16GeU(V a, V b) => Vector128.GreaterThanOrEqual(a, b);

    [MethodImpl(Inlined)] public static V I16x8Eq(V a, V b) => Vector128.Equals(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8Ne(V a, V b) => (~Vector128.Equals(a.AsUInt16(), b.AsUInt16())).AsByte();
    [MethodImpl(Inlined)] public static V I16x8LtS(V a, V b) => Vector128.LessThan(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8LtU(V a, V b) => Vector128.LessThan(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8GtS(V a, V b) => Vector128.GreaterThan(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8GtU(V a, V b) => Vector128.GreaterThan(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8LeU(V a, V b) => Vector128.LessThanOrEqual(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8GeU(V a, V b) => Vector128.GreaterThanOrEqual(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(Inlined)] public static V I32x4Eq(V a, V b) => Vector128.Equals(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4Ne(V a, V b) => (~Vector128.Equals(a.AsUInt32(), b.AsUInt32())).AsByte();
    [MethodImpl(Inlined)] public static V I32x4LtS(V a, V b) => Vector128.LessThan(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4LtU(V a, V b) => Vector128.LessThan(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4GtS(V a, V b) => Vector128.GreaterThan(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4GtU(V a, V b) => Vector128.GreaterThan(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4LeU(V a, V b) => Vector128.LessThanOrEqual(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4GeU(V a, V b) => Vector128.GreaterThanOrEqual(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(Inlined)] public static V I64x2Eq(V a, V b) => Vector128.Equals(a.AsInt64(), b.AsInt64()).AsByte();
    [MethodImpl(Inlined)] public static V I64x2Ne(V a, V b) => (~Vector128.Equals(a.AsInt64(), b.AsInt64())).AsByte();
    [MethodImpl(Inlined)] public static V I64x2LtS(V a, V b) => Vector128.LessThan(a.AsInt64(), b.AsInt64()).AsByte();
    [MethodImpl(Inlined)] public static V I64x2GtS(V a, V b) => Vector128.GreaterThan(a.AsInt64(), b.AsInt64()).AsByte();
    [MethodImpl(Inlined)] public static V I64x2LeS(V a, V b) => Vector128.LessThanOrEqual(a.AsInt64(), b.AsInt64()).AsByte();
    [MethodImpl(Inlined)] public static V I64x2GeS(V a, V b) => Vector128.GreaterThanOrEqual(a.AsInt64(), b.AsInt64()).AsByte();

    // ---- wrapping add, sub, mul, neg, abs ----

    [MethodImpl(Inlined)] public static V I8x16Add(V a, V b) => a + b;
    [MethodImpl(Inlined)] public static V I8x16Sub(V a, V b) => a - b;
    [MethodImpl(Inlined)] public static V I8x16Neg(V a) => V.Zero - a;
    [MethodImpl(Inlined)] public static V I16x8Add(V a, V b) => (a.AsUInt16() + b.AsUInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8Sub(V a, V b) => (a.AsUInt16() - b.AsUInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8Mul(V a, V b) => (a.AsInt16() * b.AsInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8Neg(V a) => (Vector128<ushort>.Zero - a.AsUInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4Add(V a, V b) => (a.AsUInt32() + b.AsUInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4Sub(V a, V b) => (a.AsUInt32() - b.AsUInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4Mul(V a, V b) => (a.AsInt32() * b.AsInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4Neg(V a) => (Vector128<uint>.Zero - a.AsUInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I64x2Add(V a, V b) => (a.AsUInt64() + b.AsUInt64()).AsByte();
    [MethodImpl(Inlined)] public static V I64x2Sub(V a, V b) => (a.AsUInt64() - b.AsUInt64()).AsByte();
    [MethodImpl(Inlined)] public static V I64x2Mul(V a, V b) => (a.AsInt64() * b.AsInt64()).AsByte();
    [MethodImpl(Inlined)] public static V I64x2Neg(V a) => (Vector128<ulong>.Zero - a.AsUInt64()).AsByte();

    // abs wraps (abs of the minimum value is itself): (a ^ m) - m with m the all-ones mask of negative lanes.
    [MethodImpl(Inlined)]
    public static V I8x16Abs(V a)
    {
        var m = Vector128.LessThan(a.AsSByte(), Vector128<sbyte>.Zero);
        return ((a.AsSByte() ^ m) - m).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V I16x8Abs(V a)
    {
        var m = Vector128.LessThan(a.AsInt16(), Vector128<short>.Zero);
        return ((a.AsInt16() ^ m) - m).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V I32x4Abs(V a)
    {
        var m = Vector128.LessThan(a.AsInt32(), Vector128<int>.Zero);
        return ((a.AsInt32() ^ m) - m).AsByte();
    }

    [MethodImpl(Inlined)]
    public static V I64x2Abs(V a)
    {
        var m = Vector128.LessThan(a.AsInt64(), Vector128<long>.Zero);
        return ((a.AsInt64() ^ m) - m).AsByte();
    }

    // ---- min, max, avgr ----

    [MethodImpl(Inlined)] public static V I8x16MinS(V a, V b) => Vector128.Min(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Inlined)] public static V I8x16MinU(V a, V b) => Vector128.Min(a, b);
    [MethodImpl(Inlined)] public static V I8x16MaxS(V a, V b) => Vector128.Max(a.AsSByte(), b.AsSByte()).AsByte();
    [MethodImpl(Inlined)] public static V I8x16MaxU(V a, V b) => Vector128.Max(a, b);
    [MethodImpl(Inlined)] public static V I16x8MinS(V a, V b) => Vector128.Min(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8MinU(V a, V b) => Vector128.Min(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8MaxS(V a, V b) => Vector128.Max(a.AsInt16(), b.AsInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I16x8MaxU(V a, V b) => Vector128.Max(a.AsUInt16(), b.AsUInt16()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4MinS(V a, V b) => Vector128.Min(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4MinU(V a, V b) => Vector128.Min(a.AsUInt32(), b.AsUInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4MaxS(V a, V b) => Vector128.Max(a.AsInt32(), b.AsInt32()).AsByte();
    [MethodImpl(Inlined)] public static V I32x4MaxU(V a, V b) => Vector128.Max(a.AsUInt32(), b.AsUInt32()).AsByte();

    /// <summary>(a + b + 1) / 2 without overflow: (a | b) - ((a ^ b) >> 1).</summary>
    [MethodImpl(Inlined)]
    public static V I8x16AvgrU(V a, V b)
    {
        if (System.Runtime.Intrinsics.X86.Sse2.IsSupported) return System.Runtime.Intrinsics.X86.Sse2.Average(a, b);
        return (a | b) - ShrU8(a ^ b, 1);
    }

    [MethodImpl(Inlined)]
    public static V I16x8AvgrU(V a, V b)
    {
        if (System.Runtime.Intrinsics.X86.Sse2.IsSupported) return System.Runtime.Intrinsics.X86.Sse2.Average(a.AsUInt16(), b.AsUInt16()).AsByte();
        var x = a.AsUInt16();
        var y = b.AsUInt16();
        return ((x | y) - Vector128.ShiftRightLogical(x ^ y, 1)).AsByte();
    }

    // ---- shifts: the count is taken modulo the lane width ----

    [MethodImpl(Inlined)] public static V I8x16Shl(V a, int n) => Shl8(a, n & 7);
    [MethodImpl(Inlined)] public static V I8x16ShrU(V a, int n) => ShrU8(a, n & 7);

    /// <summary>Arithmetic byte shift from the logical one: ((a ^ 0x80) >>> n) - (0x80 >>> n).</summary>
    [MethodImpl(Inlined)]
    public static V I8x16ShrS(V a, int n)
    {
        n &= 7;
        var bias = Vector128.Create((byte)(0x80 >> n));
        return ShrU8(a ^ Vector128.Create((byte)0x80), n) - bias;
    }

    [MethodImpl(Inlined)] public static V I16x8Shl(V a, int n) => Vector128.ShiftLeft(a.AsUInt16(), n & 15).AsByte();
    [MethodImpl(Inlined)] public static V I16x8ShrS(V a, int n) => Vector128.ShiftRightArithmetic(a.AsInt16(), n & 15).AsByte();
    [MethodImpl(Inlined)] public static V I16x8ShrU(V a, int n) => Vector128.ShiftRightLogical(a.AsUInt16(), n & 15).AsByte();
    [MethodImpl(Inlined)] public static V I32x4Shl(V a, int n) => Vector128.ShiftLeft(a.AsUInt32(), n & 31).AsByte();
    [MethodImpl(Inlined)] public static V I32x4ShrS(V a, int n) => Vector128.ShiftRightArithmetic(a.AsInt32(), n & 31).AsByte();
    [MethodImpl(Inlined)] public static V I32x4ShrU(V a, int n) => Vector128.ShiftRightLogical(a.AsUInt32(), n & 31).AsByte();
    [MethodImpl(Inlined)] public static V I64x2Shl(V a, int n) => Vector128.ShiftLeft(a.AsUInt64(), n & 63).AsByte();
    [MethodImpl(Inlined)] public static V I64x2ShrS(V a, int n) => Vector128.ShiftRightArithmetic(a.AsInt64(), n & 63).AsByte();
    [MethodImpl(Inlined)] public static V I64x2ShrU(V a, int n) => Vector128.ShiftRightLogical(a.AsUInt64(), n & 63).AsByte();

    /// <summary>Byte shift left by 0..7 through a 16-bit shift, masking the bits that crossed from the neighbouring byte.</summary>
    [MethodImpl(Inlined)]
    private static V Shl8(V a, int n) => Vector128.ShiftLeft(a.AsUInt16(), n).AsByte() & Vector128.Create((byte)(0xFF << n));

    /// <summary>Logical byte shift right by 0..7 through a 16-bit shift.</summary>
    [MethodImpl(Inlined)]
    private static V ShrU8(V a, int n) => Vector128.ShiftRightLogical(a.AsUInt16(), n).AsByte() & Vector128.Create((byte)(0xFF >> n));
}
