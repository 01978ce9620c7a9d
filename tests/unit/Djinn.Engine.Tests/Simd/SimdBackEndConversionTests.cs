using Djinn.Engine.Model;
using static Djinn.Engine.Tests.Simd.SimdHarness;
using K = Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Simd;

/// <summary>Conversions, narrowing, widening, extmul, extadd_pairwise and dot against scalar references.</summary>
public sealed class SimdBackEndConversionTests
{
    // Passed as the "input" of a NaN check so any arithmetic NaN is accepted.
    private const ulong NonCanonicalF32 = 0x7FA00000;
    private const ulong NonCanonicalF64 = 0x7FF4000000000000;

    private static float F(ulong bits) => BitConverter.UInt32BitsToSingle((uint)bits);
    private static double D(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    private static long TruncSat(double x, long min, long max) =>
        double.IsNaN(x) ? 0 : x <= min ? min : x >= max ? max : (long)Math.Truncate(x);

    [Fact]
    public void Float_to_int_truncation_saturates()
    {
        var s = Compile([K.V128], K.V128, Opcode.I32x4TruncSatF32x4S);
        var u = Compile([K.V128], K.V128, Opcode.I32x4TruncSatF32x4U);
        var sz = Compile([K.V128], K.V128, Opcode.I32x4TruncSatF64x2SZero);
        var uz = Compile([K.V128], K.V128, Opcode.I32x4TruncSatF64x2UZero);
        foreach (var (a, _) in FloatPairs(32, 8))
        {
            var rs = Call(s, a);
            var ru = Call(u, a);
            for (int i = 0; i < 4; i++)
            {
                double x = F(Lane(a, 32, i));
                Assert.True((ulong)TruncSat(x, int.MinValue, int.MaxValue) == (ulong)Signed(Lane(rs, 32, i), 32), $"s {x} lane {i}");
                Assert.True((ulong)TruncSat(x, 0, uint.MaxValue) == Lane(ru, 32, i), $"u {x} lane {i}");
            }
        }
        foreach (var (a, _) in FloatPairs(64, 9))
        {
            var rs = Call(sz, a);
            var ru = Call(uz, a);
            for (int i = 0; i < 2; i++)
            {
                double x = D(Lane(a, 64, i));
                Assert.Equal((ulong)TruncSat(x, int.MinValue, int.MaxValue) & 0xFFFFFFFF, Lane(rs, 32, i));
                Assert.Equal((ulong)TruncSat(x, 0, uint.MaxValue), Lane(ru, 32, i));
            }
            Assert.Equal(0UL, rs.High);
            Assert.Equal(0UL, ru.High);
        }
    }

    [Fact]
    public void Int_to_float_conversion_rounds_once()
    {
        var s = Compile([K.V128], K.V128, Opcode.F32x4ConvertI32x4S);
        var u = Compile([K.V128], K.V128, Opcode.F32x4ConvertI32x4U);
        var ls = Compile([K.V128], K.V128, Opcode.F64x2ConvertLowI32x4S);
        var lu = Compile([K.V128], K.V128, Opcode.F64x2ConvertLowI32x4U);
        var extra = new[] { new V128(0x80000001_FFFFFFFF, 0x7FFFFFC0_01000001), new V128(0xFFFFFF7F_FFFFFF80, 0x00FFFFFF_FFFFFFC0) };
        foreach (var a in Vectors(32, 10).Concat(extra))
        {
            var rs = Call(s, a);
            var ru = Call(u, a);
            var rls = Call(ls, a);
            var rlu = Call(lu, a);
            for (int i = 0; i < 4; i++)
            {
                ulong x = Lane(a, 32, i);
                Assert.Equal(BitConverter.SingleToUInt32Bits((float)(int)(uint)x), Lane(rs, 32, i));
                Assert.True(BitConverter.SingleToUInt32Bits((float)(uint)x) == Lane(ru, 32, i), $"u 0x{x:x}");
            }
            for (int i = 0; i < 2; i++)
            {
                ulong x = Lane(a, 32, i);
                Assert.Equal(BitConverter.DoubleToUInt64Bits((int)(uint)x), Lane(rls, 64, i));
                Assert.Equal(BitConverter.DoubleToUInt64Bits((uint)x), Lane(rlu, 64, i));
            }
        }
    }

    [Fact]
    public void Demote_and_promote_keep_values_and_quiet_nans()
    {
        var demote = Compile([K.V128], K.V128, Opcode.F32x4DemoteF64x2Zero);
        var promote = Compile([K.V128], K.V128, Opcode.F64x2PromoteLowF32x4);
        foreach (var (a, _) in FloatPairs(64, 11))
        {
            var r = Call(demote, a);
            for (int i = 0; i < 2; i++)
                AssertFloatLane($"demote {Hex(a)}", 32, BitConverter.SingleToUInt32Bits((float)D(Lane(a, 64, i))), Lane(r, 32, i), NonCanonicalF32);
            Assert.Equal(0UL, r.High);
        }
        foreach (var (a, _) in FloatPairs(32, 12))
        {
            var r = Call(promote, a);
            for (int i = 0; i < 2; i++)
                AssertFloatLane($"promote {Hex(a)}", 64, BitConverter.DoubleToUInt64Bits(F(Lane(a, 32, i))), Lane(r, 64, i), NonCanonicalF64);
        }
    }

    [Theory]
    [InlineData("I8x16NarrowI16x8S", 16, true)]
    [InlineData("I8x16NarrowI16x8U", 16, false)]
    [InlineData("I16x8NarrowI32x4S", 32, true)]
    [InlineData("I16x8NarrowI32x4U", 32, false)]
    public void Narrowing_saturates_signed_inputs(string op, int width, bool signed)
    {
        var f = Compile([K.V128, K.V128], K.V128, Enum.Parse<Opcode>(op));
        int half = width / 2;
        long min = signed ? -(1L << (half - 1)) : 0, max = signed ? (1L << (half - 1)) - 1 : (1L << half) - 1;
        foreach (var (a, b) in Pairs(width, 13))
        {
            var r = Call(f, a, b);
            var inputs = ToLanes(a, width).Concat(ToLanes(b, width)).ToArray();
            for (int i = 0; i < inputs.Length; i++)
                Assert.Equal((ulong)Math.Clamp(Signed(inputs[i], width), min, max) & Mask(half), Lane(r, half, i));
        }
    }

    [Theory]
    [InlineData("I16x8", "I8x16", 8)]
    [InlineData("I32x4", "I16x8", 16)]
    [InlineData("I64x2", "I32x4", 32)]
    public void Extend_and_extmul_widen_the_right_half(string to, string from, int width)
    {
        int wide = width * 2, count = 128 / wide;
        foreach (var half in new[] { "Low", "High" })
        {
            foreach (var sign in new[] { "S", "U" })
            {
                var extend = Compile([K.V128], K.V128, Enum.Parse<Opcode>($"{to}Extend{half}{from}{sign}"));
                var extmul = Compile([K.V128, K.V128], K.V128, Enum.Parse<Opcode>($"{to}Extmul{half}{from}{sign}"));
                foreach (var (a, b) in Pairs(width, 14))
                {
                    var e = Call(extend, a);
                    var m = Call(extmul, a, b);
                    for (int i = 0; i < count; i++)
                    {
                        int src = half == "Low" ? i : i + count;
                        long x = sign == "S" ? Signed(Lane(a, width, src), width) : (long)Lane(a, width, src);
                        long y = sign == "S" ? Signed(Lane(b, width, src), width) : (long)Lane(b, width, src);
                        Assert.Equal((ulong)x & Mask(wide), Lane(e, wide, i));
                        Assert.Equal((ulong)(x * y) & Mask(wide), Lane(m, wide, i));
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData("I16x8ExtaddPairwiseI8x16S", 8, true)]
    [InlineData("I16x8ExtaddPairwiseI8x16U", 8, false)]
    [InlineData("I32x4ExtaddPairwiseI16x8S", 16, true)]
    [InlineData("I32x4ExtaddPairwiseI16x8U", 16, false)]
    public void Extadd_pairwise_sums_neighbours(string op, int width, bool signed)
    {
        var f = Compile([K.V128], K.V128, Enum.Parse<Opcode>(op));
        foreach (var a in Vectors(width, 15))
        {
            var r = Call(f, a);
            for (int i = 0; i < 64 / width; i++)
            {
                long x = signed ? Signed(Lane(a, width, 2 * i), width) : (long)Lane(a, width, 2 * i);
                long y = signed ? Signed(Lane(a, width, 2 * i + 1), width) : (long)Lane(a, width, 2 * i + 1);
                Assert.Equal((ulong)(x + y) & Mask(2 * width), Lane(r, 2 * width, i));
            }
        }
    }

    [Fact]
    public void Dot_product_wraps()
    {
        var f = Compile([K.V128, K.V128], K.V128, Opcode.I32x4DotI16x8S);
        foreach (var (a, b) in Pairs(16, 16))
        {
            var r = Call(f, a, b);
            for (int i = 0; i < 4; i++)
            {
                long sum = Signed(Lane(a, 16, 2 * i), 16) * Signed(Lane(b, 16, 2 * i), 16)
                           + Signed(Lane(a, 16, 2 * i + 1), 16) * Signed(Lane(b, 16, 2 * i + 1), 16);
                Assert.Equal((ulong)sum & 0xFFFFFFFF, Lane(r, 32, i));
            }
        }
    }
}
