using Djinn.Engine.Model;
using static Djinn.Engine.Tests.Compilation.ModuleBuilder;
using static Djinn.Engine.Tests.Simd.SimdHarness;
using K = Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Simd;

/// <summary>Float SIMD instructions against scalar references, NaNs checked with the spec's canonical/arithmetic rule.</summary>
public sealed class SimdBackEndFloatTests
{
    private static float F(ulong bits) => BitConverter.UInt32BitsToSingle((uint)bits);
    private static ulong B(float value) => BitConverter.SingleToUInt32Bits(value);
    private static double D(ulong bits) => BitConverter.UInt64BitsToDouble(bits);
    private static ulong B(double value) => BitConverter.DoubleToUInt64Bits(value);

    /// <summary>References on f64 values; f32 lanes are computed in double and rounded once, which is exact for these ops.</summary>
    private static readonly Dictionary<string, Func<double, double, double>> Arithmetic = new()
    {
        ["Add"] = (x, y) => x + y,
        ["Sub"] = (x, y) => x - y,
        ["Mul"] = (x, y) => x * y,
        ["Div"] = (x, y) => x / y,
        ["Min"] = (x, y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : x == y ? (double.IsNegative(x) ? x : y) : Math.Min(x, y),
        ["Max"] = (x, y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : x == y ? (double.IsNegative(x) ? y : x) : Math.Max(x, y),
    };

    private static readonly Dictionary<string, Func<double, double, bool>> Comparisons = new()
    {
        ["Eq"] = (x, y) => x == y,
        ["Ne"] = (x, y) => x != y,
        ["Lt"] = (x, y) => x < y,
        ["Gt"] = (x, y) => x > y,
        ["Le"] = (x, y) => x <= y,
        ["Ge"] = (x, y) => x >= y,
    };

    private static readonly Dictionary<string, Func<double, double>> Rounding = new()
    {
        ["Ceil"] = Math.Ceiling,
        ["Floor"] = Math.Floor,
        ["Trunc"] = Math.Truncate,
        ["Nearest"] = x => Math.Round(x, MidpointRounding.ToEven),
    };

    public static TheoryData<string, int> Shapes() => new() { { "F32x4", 32 }, { "F64x2", 64 } };

    private static double Value(ulong bits, int width) => width == 32 ? F(bits) : D(bits);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Arithmetic_min_and_max_follow_the_spec(string prefix, int width)
    {
        foreach (var (name, reference) in Arithmetic)
        {
            var f = Compile([K.V128, K.V128], K.V128, Enum.Parse<Opcode>(prefix + name));
            foreach (var (a, b) in FloatPairs(width, 1))
            {
                var actual = Call(f, a, b);
                for (int i = 0; i < 128 / width; i++)
                {
                    ulong x = Lane(a, width, i), y = Lane(b, width, i);
                    double r = reference(Value(x, width), Value(y, width));
                    ulong expected = width == 32 ? B((float)r) : B(r);
                    if (name is "Mul" or "Div" && width == 32) expected = B(name == "Mul" ? F(x) * F(y) : F(x) / F(y));
                    AssertFloatLane($"{prefix}{name} lane {i} of {Hex(a)} {Hex(b)}", width, expected, Lane(actual, width, i), x, y);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Pmin_and_pmax_select_exact_bits(string prefix, int width)
    {
        var pmin = Compile([K.V128, K.V128], K.V128, Enum.Parse<Opcode>(prefix + "Pmin"));
        var pmax = Compile([K.V128, K.V128], K.V128, Enum.Parse<Opcode>(prefix + "Pmax"));
        foreach (var (a, b) in FloatPairs(width, 2))
        {
            var min = Call(pmin, a, b);
            var max = Call(pmax, a, b);
            for (int i = 0; i < 128 / width; i++)
            {
                ulong x = Lane(a, width, i), y = Lane(b, width, i);
                Assert.Equal(Value(y, width) < Value(x, width) ? y : x, Lane(min, width, i));
                Assert.Equal(Value(x, width) < Value(y, width) ? y : x, Lane(max, width, i));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Comparisons_are_ordered_except_ne(string prefix, int width)
    {
        foreach (var (name, reference) in Comparisons)
        {
            var f = Compile([K.V128, K.V128], K.V128, Enum.Parse<Opcode>(prefix + name));
            foreach (var (a, b) in FloatPairs(width, 3))
            {
                var actual = Call(f, a, b);
                for (int i = 0; i < 128 / width; i++)
                {
                    bool expected = reference(Value(Lane(a, width, i), width), Value(Lane(b, width, i), width));
                    Assert.Equal(expected ? Mask(width) : 0, Lane(actual, width, i));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Rounding_sqrt_abs_and_neg_follow_the_spec(string prefix, int width)
    {
        var ops = Rounding.ToDictionary(p => p.Key, p => p.Value);
        ops["Sqrt"] = Math.Sqrt;
        foreach (var (name, reference) in ops)
        {
            var f = Compile([K.V128], K.V128, Enum.Parse<Opcode>(prefix + name));
            foreach (var (a, _) in FloatPairs(width, 4))
            {
                var actual = Call(f, a);
                for (int i = 0; i < 128 / width; i++)
                {
                    ulong x = Lane(a, width, i);
                    ulong expected = width == 32
                        ? (name == "Sqrt" ? B(MathF.Sqrt(F(x))) : B((float)reference(F(x))))
                        : B(reference(D(x)));
                    AssertFloatLane($"{prefix}{name} lane {i} of {Hex(a)}", width, expected, Lane(actual, width, i), x);
                }
            }
        }
        var abs = Compile([K.V128], K.V128, Enum.Parse<Opcode>(prefix + "Abs"));
        var neg = Compile([K.V128], K.V128, Enum.Parse<Opcode>(prefix + "Neg"));
        ulong sign = 1UL << (width - 1);
        foreach (var (a, _) in FloatPairs(width, 5))
        {
            var absolute = Call(abs, a);
            var negated = Call(neg, a);
            for (int i = 0; i < 128 / width; i++)
            {
                Assert.Equal(Lane(a, width, i) & ~sign, Lane(absolute, width, i));
                Assert.Equal(Lane(a, width, i) ^ sign, Lane(negated, width, i));
            }
        }
    }

    [Fact]
    public void Constant_identity_operands_still_quiet_signalling_nans()
    {
        // x * 1.0, x + -0.0, x - 0.0 and x / 1.0 with a constant operand must not be folded to x.
        ulong sNaN = 0x7FA00000_7FA00000;
        foreach (var (op, constant) in new[]
                 {
                     (Opcode.F32x4Mul, 0x3F800000_3F800000UL), (Opcode.F32x4Add, 0x80000000_80000000UL),
                     (Opcode.F32x4Sub, 0UL), (Opcode.F32x4Div, 0x3F800000_3F800000UL),
                 })
        {
            var f = Compile([K.V128], K.V128, V(Opcode.V128Const, constant, constant), I(op));
            var actual = Call(f, new V128(sNaN, sNaN));
            for (int i = 0; i < 4; i++) Assert.True(IsArithmeticNaN(Lane(actual, 32, i), 32), $"{op} lane {i}: 0x{Lane(actual, 32, i):x}");
            var g = CompileBody([K.V128], K.V128, V(Opcode.V128Const, constant, constant), I(Opcode.LocalGet, 0), I(op));
            actual = Call(g, new V128(sNaN, sNaN));
            for (int i = 0; i < 4; i++) Assert.True(IsArithmeticNaN(Lane(actual, 32, i), 32), $"{op} (constant first) lane {i}");
        }
        ulong dNaN = 0x7FF4000000000000;
        var mul = Compile([K.V128], K.V128, I(Opcode.F64Const, c: 0x3FF0000000000000), I(Opcode.F64x2Splat), I(Opcode.F64x2Mul));
        var r = Call(mul, new V128(dNaN, dNaN));
        Assert.True(IsArithmeticNaN(r.Low, 64) && IsArithmeticNaN(r.High, 64));
    }
}
