using Djinn.Engine.Model;
using static Djinn.Engine.Tests.Simd.SimdHarness;
using K = Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Simd;

/// <summary>Lane-wise integer SIMD instructions against scalar references.</summary>
public sealed class SimdBackEndIntegerTests
{
    private static readonly (string Prefix, int Width)[] Shapes = [("I8x16", 8), ("I16x8", 16), ("I32x4", 32), ("I64x2", 64)];

    /// <summary>Binary lane-wise references on raw lane bits; the width comes with the call.</summary>
    private static readonly Dictionary<string, Func<ulong, ulong, int, ulong>> Binary = new()
    {
        ["Add"] = (x, y, w) => x + y,
        ["Sub"] = (x, y, w) => x - y,
        ["Mul"] = (x, y, w) => x * y,
        ["MinS"] = (x, y, w) => Signed(x, w) < Signed(y, w) ? x : y,
        ["MinU"] = (x, y, w) => x < y ? x : y,
        ["MaxS"] = (x, y, w) => Signed(x, w) > Signed(y, w) ? x : y,
        ["MaxU"] = (x, y, w) => x > y ? x : y,
        ["AvgrU"] = (x, y, w) => (x + y + 1) >> 1,
        ["AddSatS"] = (x, y, w) => (ulong)Sat(Signed(x, w) + Signed(y, w), w),
        ["SubSatS"] = (x, y, w) => (ulong)Sat(Signed(x, w) - Signed(y, w), w),
        ["AddSatU"] = (x, y, w) => Math.Min(x + y, Mask(w)),
        ["SubSatU"] = (x, y, w) => x > y ? x - y : 0,
        ["Q15mulrSatS"] = (x, y, w) => (ulong)Sat((Signed(x, w) * Signed(y, w) + 0x4000) >> 15, w),
        ["Eq"] = (x, y, w) => x == y ? ulong.MaxValue : 0,
        ["Ne"] = (x, y, w) => x != y ? ulong.MaxValue : 0,
        ["LtS"] = (x, y, w) => Signed(x, w) < Signed(y, w) ? ulong.MaxValue : 0,
        ["LtU"] = (x, y, w) => x < y ? ulong.MaxValue : 0,
        ["GtS"] = (x, y, w) => Signed(x, w) > Signed(y, w) ? ulong.MaxValue : 0,
        ["GtU"] = (x, y, w) => x > y ? ulong.MaxValue : 0,
        ["LeS"] = (x, y, w) => Signed(x, w) <= Signed(y, w) ? ulong.MaxValue : 0,
        ["LeU"] = (x, y, w) => x <= y ? ulong.MaxValue : 0,
        ["GeS"] = (x, y, w) => Signed(x, w) >= Signed(y, w) ? ulong.MaxValue : 0,
        ["GeU"] = (x, y, w) => x >= y ? ulong.MaxValue : 0,
    };

    private static readonly Dictionary<string, Func<ulong, int, ulong>> Unary = new()
    {
        ["Abs"] = (x, w) => Signed(x, w) < 0 ? 0 - x : x,
        ["Neg"] = (x, w) => 0 - x,
        ["Popcnt"] = (x, w) => (ulong)System.Numerics.BitOperations.PopCount(x),
    };

    private static long Sat(long value, int width)
    {
        long max = (1L << (width - 1)) - 1, min = -max - 1;
        return Math.Clamp(value, min, max);
    }

    public static TheoryData<string> BinaryOps()
    {
        var data = new TheoryData<string>();
        foreach (var (prefix, _) in Shapes)
            foreach (var name in Binary.Keys)
                if (Enum.TryParse<Opcode>(prefix + name, out _)) data.Add(prefix + name);
        return data;
    }

    public static TheoryData<string> UnaryOps()
    {
        var data = new TheoryData<string>();
        foreach (var (prefix, _) in Shapes)
            foreach (var name in Unary.Keys)
                if (Enum.TryParse<Opcode>(prefix + name, out _)) data.Add(prefix + name);
        return data;
    }

    private static (int Width, string Name) Split(string op)
    {
        var (prefix, width) = Shapes.First(s => op.StartsWith(s.Prefix, StringComparison.Ordinal));
        return (width, op[prefix.Length..]);
    }

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void Binary_lane_op_matches_the_reference(string op)
    {
        var (width, name) = Split(op);
        var f = Compile([K.V128, K.V128], K.V128, Enum.Parse<Opcode>(op));
        foreach (var (a, b) in Pairs(width, op.GetHashCode(StringComparison.Ordinal)))
        {
            var actual = Call(f, a, b);
            for (int i = 0; i < 128 / width; i++)
            {
                ulong expected = Binary[name](Lane(a, width, i), Lane(b, width, i), width) & Mask(width);
                Assert.True(expected == Lane(actual, width, i), $"{op} {Hex(a)} {Hex(b)} lane {i}: expected 0x{expected:x}, got 0x{Lane(actual, width, i):x}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void Unary_lane_op_matches_the_reference(string op)
    {
        var (width, name) = Split(op);
        var f = Compile([K.V128], K.V128, Enum.Parse<Opcode>(op));
        foreach (var a in Vectors(width, 7))
        {
            var actual = Call(f, a);
            for (int i = 0; i < 128 / width; i++)
            {
                ulong expected = Unary[name](Lane(a, width, i), width) & Mask(width);
                Assert.True(expected == Lane(actual, width, i), $"{op} {Hex(a)} lane {i}: expected 0x{expected:x}, got 0x{Lane(actual, width, i):x}");
            }
        }
    }

    [Theory]
    [InlineData("I8x16", 8)]
    [InlineData("I16x8", 16)]
    [InlineData("I32x4", 32)]
    [InlineData("I64x2", 64)]
    public void Shifts_take_the_count_modulo_the_lane_width(string prefix, int width)
    {
        int[] counts = [0, 1, 3, width - 1, width, width + 1, 2 * width + 5, 100, -1, int.MinValue, int.MaxValue];
        foreach (var kind in new[] { "Shl", "ShrS", "ShrU" })
        {
            var f = Compile([K.V128, K.I32], K.V128, Enum.Parse<Opcode>(prefix + kind));
            foreach (var a in Vectors(width, 11, 6))
            {
                foreach (int count in counts)
                {
                    var actual = Call(f, a, count);
                    int n = count & (width - 1);
                    for (int i = 0; i < 128 / width; i++)
                    {
                        ulong x = Lane(a, width, i);
                        ulong expected = kind switch
                        {
                            "Shl" => x << n,
                            "ShrU" => x >> n,
                            _ => (ulong)(Signed(x, width) >> n),
                        } & Mask(width);
                        Assert.True(expected == Lane(actual, width, i), $"{prefix}{kind} {Hex(a)} by {count} lane {i}");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData("I8x16", 8)]
    [InlineData("I16x8", 16)]
    [InlineData("I32x4", 32)]
    [InlineData("I64x2", 64)]
    public void All_true_and_bitmask_read_every_lane(string prefix, int width)
    {
        var allTrue = Compile([K.V128], K.I32, Enum.Parse<Opcode>(prefix + "AllTrue"));
        var bitmask = Compile([K.V128], K.I32, Enum.Parse<Opcode>(prefix + "Bitmask"));
        var anyTrue = Compile([K.V128], K.I32, Opcode.V128AnyTrue);
        foreach (var a in Vectors(width, 3).Append(new V128(0, 0)).Append(new V128(ulong.MaxValue, ulong.MaxValue)).Append(new V128(0, 1UL << 63)))
        {
            var lanes = ToLanes(a, width);
            Assert.Equal(lanes.All(l => l != 0) ? 1 : 0, allTrue.Invoke(a)[0]);
            int mask = 0;
            for (int i = 0; i < lanes.Length; i++) mask |= (int)(lanes[i] >> (width - 1)) << i;
            Assert.Equal(mask, bitmask.Invoke(a)[0]);
            Assert.Equal(a.Low != 0 || a.High != 0 ? 1 : 0, anyTrue.Invoke(a)[0]);
        }
    }

    [Fact]
    public void Bitwise_ops_and_bitselect_work_on_all_128_bits()
    {
        var rng = new Random(5);
        var not = Compile([K.V128], K.V128, Opcode.V128Not);
        var and = Compile([K.V128, K.V128], K.V128, Opcode.V128And);
        var andnot = Compile([K.V128, K.V128], K.V128, Opcode.V128Andnot);
        var or = Compile([K.V128, K.V128], K.V128, Opcode.V128Or);
        var xor = Compile([K.V128, K.V128], K.V128, Opcode.V128Xor);
        var select = Compile([K.V128, K.V128, K.V128], K.V128, Opcode.V128Bitselect);
        for (int k = 0; k < 20; k++)
        {
            var a = new V128((ulong)rng.NextInt64(), (ulong)rng.NextInt64());
            var b = new V128((ulong)rng.NextInt64(), (ulong)rng.NextInt64());
            var c = new V128((ulong)rng.NextInt64(), (ulong)rng.NextInt64());
            Assert.Equal(new V128(~a.Low, ~a.High), Call(not, a));
            Assert.Equal(new V128(a.Low & b.Low, a.High & b.High), Call(and, a, b));
            Assert.Equal(new V128(a.Low & ~b.Low, a.High & ~b.High), Call(andnot, a, b));
            Assert.Equal(new V128(a.Low | b.Low, a.High | b.High), Call(or, a, b));
            Assert.Equal(new V128(a.Low ^ b.Low, a.High ^ b.High), Call(xor, a, b));
            Assert.Equal(new V128((a.Low & c.Low) | (b.Low & ~c.Low), (a.High & c.High) | (b.High & ~c.High)), Call(select, a, b, c));
        }
    }
}
