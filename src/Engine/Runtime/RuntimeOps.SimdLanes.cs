using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using V = System.Runtime.Intrinsics.Vector128<byte>;

namespace Djinn.Engine.Runtime;

/// <summary>
/// SIMD splats, shuffles and bitwise operations (extract_lane and replace_lane are emitted in line)
/// (https://webassembly.github.io/spec/core/exec/instructions.html#vector-instructions).
/// Method names equal the <see cref="Model.Opcode"/> names; the compiler finds them by name.
/// </summary>
internal static partial class RuntimeOps
{
    // ---- splat ----

    [MethodImpl(Inlined)] public static V I8x16Splat(int x) => Vector128.Create((byte)x);
    [MethodImpl(Inlined)] public static V I16x8Splat(int x) => Vector128.Create((ushort)x).AsByte();
    [MethodImpl(Inlined)] public static V I32x4Splat(int x) => Vector128.Create(x).AsByte();
    [MethodImpl(Inlined)] public static V I64x2Splat(long x) => Vector128.Create(x).AsByte();
    [MethodImpl(Inlined)] public static V F32x4Splat(float x) => Vector128.Create(x).AsByte();
    [MethodImpl(Inlined)] public static V F64x2Splat(double x) => Vector128.Create(x).AsByte();

    // ---- shuffles ----

    /// <summary>i8x16.swizzle: lane i is a[s[i]], or 0 when s[i] ≥ 16.</summary>
    [MethodImpl(Inlined)]
    public static V I8x16Swizzle(V a, V s)
    {
        if (Ssse3.IsSupported)
        {
            // pshufb zeroes a lane whose index has bit 7 set; saturating +0x70 sets it for every index ≥ 16.
            return Ssse3.Shuffle(a, Sse2.AddSaturate(s, Vector128.Create((byte)0x70)));
        }
        return Vector128.Shuffle(a, s);
    }

    /// <summary>i8x16.shuffle: lane i is (a ++ b)[s[i]], with every s[i] &lt; 32 (checked by the validator).</summary>
    [MethodImpl(Inlined)]
    public static V I8x16Shuffle(V a, V b, V s)
    {
        var high = s - Vector128.Create((byte)16);
        if (Ssse3.IsSupported)
        {
            // Indexes 16..31 have bit 4 set; map them out of a's range (bit 7) and b's indexes 0..15 into range.
            var fromA = Ssse3.Shuffle(a, Sse2.AddSaturate(s, Vector128.Create((byte)0x70)));
            return fromA | Ssse3.Shuffle(b, high);
        }
        // Out-of-range indexes give 0: s - 16 wraps to ≥ 240 for lanes taken from a.
        return Vector128.Shuffle(a, s) | Vector128.Shuffle(b, high);
    }

    // ---- bitwise ----

    [MethodImpl(Inlined)] public static V V128Not(V a) => ~a;
    [MethodImpl(Inlined)] public static V V128And(V a, V b) => a & b;
    [MethodImpl(Inlined)] public static V V128Andnot(V a, V b) => Vector128.AndNot(a, b);
    [MethodImpl(Inlined)] public static V V128Or(V a, V b) => a | b;
    [MethodImpl(Inlined)] public static V V128Xor(V a, V b) => a ^ b;

    /// <summary>v128.bitselect: bits of a where c is 1, of b where c is 0.</summary>
    [MethodImpl(Inlined)] public static V V128Bitselect(V a, V b, V c) => Vector128.ConditionalSelect(c, a, b);

    [MethodImpl(Inlined)] public static int V128AnyTrue(V a) => a != V.Zero ? 1 : 0;
    [MethodImpl(Inlined)] public static int I8x16AllTrue(V a) => Vector128.EqualsAny(a, V.Zero) ? 0 : 1;
    [MethodImpl(Inlined)] public static int I16x8AllTrue(V a) => Vector128.EqualsAny(a.AsUInt16(), Vector128<ushort>.Zero) ? 0 : 1;
    [MethodImpl(Inlined)] public static int I32x4AllTrue(V a) => Vector128.EqualsAny(a.AsUInt32(), Vector128<uint>.Zero) ? 0 : 1;
    [MethodImpl(Inlined)] public static int I64x2AllTrue(V a) => Vector128.EqualsAny(a.AsUInt64(), Vector128<ulong>.Zero) ? 0 : 1;

    [MethodImpl(Inlined)] public static int I8x16Bitmask(V a) => (int)a.ExtractMostSignificantBits();
    [MethodImpl(Inlined)] public static int I16x8Bitmask(V a) => (int)a.AsUInt16().ExtractMostSignificantBits();
    [MethodImpl(Inlined)] public static int I32x4Bitmask(V a) => (int)a.AsUInt32().ExtractMostSignificantBits();
    [MethodImpl(Inlined)] public static int I64x2Bitmask(V a) => (int)a.AsUInt64().ExtractMostSignificantBits();
}
