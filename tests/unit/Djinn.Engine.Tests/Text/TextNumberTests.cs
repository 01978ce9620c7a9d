using Djinn.Engine.Text;
using Xunit;

namespace Djinn.Engine.Tests.Text;

/// <summary>Number literals (https://webassembly.github.io/spec/core/text/values.html).</summary>
public sealed class TextNumberTests
{
    private static SNode Atom(string text) => new(SKind.Atom, 1, 1, text);

    [Theory]
    [InlineData("0", 0UL)]
    [InlineData("4294967295", 0xFFFF_FFFFUL)]
    [InlineData("-1", 0xFFFF_FFFFUL)]
    [InlineData("-2147483648", 0x8000_0000UL)]
    [InlineData("+0x7fff_ffff", 0x7FFF_FFFFUL)]
    [InlineData("0xFFFF_ffff", 0xFFFF_FFFFUL)]
    [InlineData("1_000", 1000UL)]
    public void I32_literals_accept_signed_and_unsigned_ranges(string text, ulong bits) =>
        Assert.Equal(bits, Numbers.ParseInt(Atom(text), 32));

    [Theory]
    [InlineData("4294967296")]
    [InlineData("-2147483649")]
    [InlineData("0x1_0000_0000")]
    [InlineData("0x_1")]
    [InlineData("1__0")]
    [InlineData("1_")]
    [InlineData("_1")]
    [InlineData("0x")]
    [InlineData("1.0")]
    [InlineData("--1")]
    public void Malformed_or_out_of_range_i32_literals_are_rejected(string text) =>
        Assert.Throws<TextParseException>(() => Numbers.ParseInt(Atom(text), 32));

    [Theory]
    [InlineData("18446744073709551615", 0xFFFF_FFFF_FFFF_FFFFUL)]
    [InlineData("-9223372036854775808", 0x8000_0000_0000_0000UL)]
    [InlineData("-0x8000000000000000", 0x8000_0000_0000_0000UL)]
    public void I64_literals_cover_the_full_range(string text, ulong bits) =>
        Assert.Equal(bits, Numbers.ParseInt(Atom(text), 64));

    [Fact]
    public void I64_literals_out_of_range_are_malformed()
    {
        var e = Assert.Throws<TextParseException>(() => Numbers.ParseInt(Atom("18446744073709551616"), 64));
        Assert.Contains("constant out of range", e.Cause);
        Assert.Throws<TextParseException>(() => Numbers.ParseInt(Atom("-9223372036854775809"), 64));
    }

    [Theory]
    [InlineData("0x1.000001p0", 0x3F80_0000U)]      // exactly half an ulp above 1: ties to even (down)
    [InlineData("0x1.000003p0", 0x3F80_0002U)]      // exactly half between odd and even: ties to even (up)
    [InlineData("0x1.0000010000000001p0", 0x3F80_0001U)] // just above half: up
    [InlineData("0x1.fffffep127", 0x7F7F_FFFFU)]
    [InlineData("0x1.fffffefffffffp127", 0x7F7F_FFFFU)]
    [InlineData("0x1p-126", 0x0080_0000U)]
    [InlineData("0x1p-149", 0x0000_0001U)]
    [InlineData("0x1p-150", 0x0000_0000U)]          // half the smallest subnormal: ties to even (zero)
    [InlineData("0x1.8p-150", 0x0000_0001U)]
    [InlineData("0x1.fffffep-127", 0x0080_0000U)]   // rounds up from the subnormal range to the smallest normal
    [InlineData("-0x1p-1", 0xBF00_0000U)]
    [InlineData("0x10", 0x4180_0000U)]
    [InlineData("0x1.p1", 0x4000_0000U)]
    public void Hex_float_literals_round_to_nearest_even(string text, uint bits) =>
        Assert.Equal(bits, Numbers.ParseF32(Atom(text)));

    [Theory]
    [InlineData("0x1p-1074", 0x0000_0000_0000_0001UL)]
    [InlineData("0x1p-1075", 0UL)]
    [InlineData("0x1.fffffffffffffp1023", 0x7FEF_FFFF_FFFF_FFFFUL)]
    [InlineData("0x1.0000000000000_8p0", 0x3FF0_0000_0000_0000UL)]
    [InlineData("0x1.0000000000001_8p0", 0x3FF0_0000_0000_0002UL)]
    public void Hex_f64_literals_are_exact_and_round_to_nearest_even(string text, ulong bits) =>
        Assert.Equal(bits, Numbers.ParseF64(Atom(text)));

    [Theory]
    [InlineData("0x1.ffffffp127")]
    [InlineData("0x1p128")]
    [InlineData("1e39")]
    [InlineData("340282356779733661637539395458142568448")]
    public void F32_literals_that_round_to_infinity_are_out_of_range(string text)
    {
        var e = Assert.Throws<TextParseException>(() => Numbers.ParseF32(Atom(text)));
        Assert.Contains("constant out of range", e.Cause);
    }

    [Theory]
    [InlineData("1", 0x3F80_0000U)]
    [InlineData("-0", 0x8000_0000U)]
    [InlineData("1_000.000_1", 0x447A_0002U)]
    [InlineData("1.e1", 0x4120_0000U)]
    [InlineData("3.4028235e38", 0x7F7F_FFFFU)]
    [InlineData("1.401298464324817e-45", 0x0000_0001U)]
    [InlineData("inf", 0x7F80_0000U)]
    [InlineData("-inf", 0xFF80_0000U)]
    [InlineData("nan", 0x7FC0_0000U)]
    [InlineData("-nan", 0xFFC0_0000U)]
    [InlineData("nan:0x200000", 0x7FA0_0000U)]
    [InlineData("+nan:0x7f_ffff", 0x7FFF_FFFFU)]
    public void Decimal_and_special_f32_literals_encode_their_bits(string text, uint bits) =>
        Assert.Equal(bits, Numbers.ParseF32(Atom(text)));

    [Theory]
    [InlineData("nan:0x0")]
    [InlineData("nan:0x800000")]
    [InlineData(".5")]
    [InlineData("1e")]
    [InlineData("1.5_")]
    [InlineData("0x1p")]
    [InlineData("infinity")]
    [InlineData("0x.8p1")]
    [InlineData("0x1p+")]
    public void Malformed_float_literals_are_rejected(string text) =>
        Assert.Throws<TextParseException>(() => Numbers.ParseF32(Atom(text)));

    [Fact]
    public void F64_nan_payloads_use_52_bits()
    {
        Assert.Equal(0x7FF0_0000_0000_0001UL, Numbers.ParseF64(Atom("nan:0x1")));
        Assert.Equal(0xFFF8_0000_0000_0000UL, Numbers.ParseF64(Atom("-nan")));
        Assert.Throws<TextParseException>(() => Numbers.ParseF64(Atom("nan:0x10000000000000")));
    }
}
