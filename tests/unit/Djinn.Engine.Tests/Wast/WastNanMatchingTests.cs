using Djinn.Cli.Wast;
using Djinn.Engine.Text;
using Xunit;

namespace Djinn.Engine.Tests.Wast;

public sealed class WastNanMatchingTests
{
    private static float F32(uint bits) => BitConverter.Int32BitsToSingle((int)bits);

    private static double F64(ulong bits) => BitConverter.Int64BitsToDouble((long)bits);

    private static WastExpected Nan(WastExpectedKind kind, ValueKind type) => new(kind, null, type);

    [Theory]
    [InlineData(0x7FC0_0000u)]
    [InlineData(0xFFC0_0000u)]
    public void Canonical_f32_nan_matches_with_either_sign(uint bits)
    {
        Assert.True(WastMatcher.IsCanonicalNan(bits));
        Assert.True(WastMatcher.Matches(F32(bits), Nan(WastExpectedKind.CanonicalNan, ValueKind.F32)));
    }

    [Theory]
    [InlineData(0x7FC0_0001u)]
    [InlineData(0x7FA0_0000u)]
    [InlineData(0x7F80_0000u)]
    [InlineData(0x3F80_0000u)]
    public void Canonical_f32_pattern_rejects_other_payloads_infinity_and_numbers(uint bits)
    {
        Assert.False(WastMatcher.Matches(F32(bits), Nan(WastExpectedKind.CanonicalNan, ValueKind.F32)));
    }

    [Theory]
    [InlineData(0x7FC0_0000u)]
    [InlineData(0xFFC0_0000u)]
    [InlineData(0x7FC0_0001u)]
    [InlineData(0xFFFF_FFFFu)]
    public void Arithmetic_f32_nan_matches_any_quiet_nan(uint bits)
    {
        Assert.True(WastMatcher.Matches(F32(bits), Nan(WastExpectedKind.ArithmeticNan, ValueKind.F32)));
    }

    [Theory]
    [InlineData(0x7FA0_0000u)]
    [InlineData(0x7F80_0001u)]
    [InlineData(0x7F80_0000u)]
    [InlineData(0x0040_0000u)]
    public void Arithmetic_f32_pattern_rejects_signaling_nans_infinity_and_numbers(uint bits)
    {
        Assert.False(WastMatcher.Matches(F32(bits), Nan(WastExpectedKind.ArithmeticNan, ValueKind.F32)));
    }

    [Theory]
    [InlineData(0x7FF8_0000_0000_0000ul, true, true)]
    [InlineData(0xFFF8_0000_0000_0000ul, true, true)]
    [InlineData(0x7FF8_0000_0000_0001ul, false, true)]
    [InlineData(0x7FF4_0000_0000_0000ul, false, false)]
    [InlineData(0x7FF0_0000_0000_0000ul, false, false)]
    [InlineData(0x0008_0000_0000_0000ul, false, false)]
    public void F64_nan_patterns_follow_the_spec(ulong bits, bool canonical, bool arithmetic)
    {
        Assert.Equal(canonical, WastMatcher.Matches(F64(bits), Nan(WastExpectedKind.CanonicalNan, ValueKind.F64)));
        Assert.Equal(arithmetic, WastMatcher.Matches(F64(bits), Nan(WastExpectedKind.ArithmeticNan, ValueKind.F64)));
    }

    [Fact]
    public void Nan_pattern_of_one_width_does_not_accept_the_other_width()
    {
        Assert.False(WastMatcher.Matches(F64(0x7FF8_0000_0000_0000), Nan(WastExpectedKind.CanonicalNan, ValueKind.F32)));
        Assert.False(WastMatcher.Matches(F32(0x7FC0_0000), Nan(WastExpectedKind.ArithmeticNan, ValueKind.F64)));
    }

    [Fact]
    public void Exact_nan_expectation_compares_the_payload_bit_for_bit()
    {
        var expected = new WastExpected(WastExpectedKind.Exact, new WastValue(ValueKind.F32, 0x7FA0_0000), ValueKind.F32);
        Assert.True(WastMatcher.Matches(F32(0x7FA0_0000), expected));
        Assert.False(WastMatcher.Matches(F32(0x7FE0_0000), expected));
        Assert.False(WastMatcher.Matches(F32(0xFFA0_0000), expected));
    }

    [Fact]
    public void Float_lanes_accept_nan_patterns_per_lane()
    {
        var canonical = Nan(WastExpectedKind.CanonicalNan, ValueKind.F32);
        var arithmetic = Nan(WastExpectedKind.ArithmeticNan, ValueKind.F32);
        var one = new WastExpected(WastExpectedKind.Exact, new WastValue(ValueKind.F32, 0x3F80_0000), ValueKind.F32);
        var expected = new WastExpected(WastExpectedKind.Lanes, null, ValueKind.V128, "f32x4", [canonical, arithmetic, one, canonical]);

        var matching = new V128(0x7FC0_0001_FFC0_0000, 0x7FC0_0000_3F80_0000);
        var signaling = new V128(0x7FA0_0000_FFC0_0000, 0x7FC0_0000_3F80_0000);

        Assert.True(WastMatcher.Matches(matching, expected));
        Assert.False(WastMatcher.Matches(signaling, expected));
    }

    [Fact]
    public void Integer_lanes_reject_nan_patterns()
    {
        var lanes = Enumerable.Repeat(new WastExpected(WastExpectedKind.CanonicalNan, null, ValueKind.F32), 4).ToArray();
        var expected = new WastExpected(WastExpectedKind.Lanes, null, ValueKind.V128, "i32x4", lanes);
        Assert.False(WastMatcher.Matches(new V128(0x7FC0_0000_7FC0_0000, 0x7FC0_0000_7FC0_0000), expected));
    }
}
