using Djinn.Cli.Wast;
using Djinn.Engine.Text;
using Xunit;

namespace Djinn.Engine.Tests.Wast;

public sealed class WastValueTests
{
    private static WastExpected Exact(ValueKind kind, ulong low, ulong high = 0, bool isNull = false) =>
        new(WastExpectedKind.Exact, new WastValue(kind, low, high, isNull), kind);

    [Fact]
    public void Integer_arguments_are_boxed_from_their_bits_as_signed_values()
    {
        Assert.Equal(-1, WastValues.ToObject(new WastValue(ValueKind.I32, 0xFFFF_FFFF)));
        Assert.Equal(long.MinValue, WastValues.ToObject(new WastValue(ValueKind.I64, 0x8000_0000_0000_0000)));
    }

    [Fact]
    public void Float_arguments_keep_their_exact_bits_including_signaling_nan_payloads()
    {
        var f = Assert.IsType<float>(WastValues.ToObject(new WastValue(ValueKind.F32, 0x7FA0_0001)));
        Assert.Equal(0x7FA0_0001, BitConverter.SingleToInt32Bits(f));
        var d = Assert.IsType<double>(WastValues.ToObject(new WastValue(ValueKind.F64, 0xFFF4_0000_0000_0001)));
        Assert.Equal(unchecked((long)0xFFF4_0000_0000_0001), BitConverter.DoubleToInt64Bits(d));
    }

    [Fact]
    public void Reference_arguments_become_null_or_a_host_reference_numbered_as_in_the_script()
    {
        Assert.Null(WastValues.ToObject(new WastValue(ValueKind.FuncRef, 0, IsNull: true)));
        Assert.Null(WastValues.ToObject(new WastValue(ValueKind.ExternRef, 0, IsNull: true)));
        Assert.Equal(new HostReference(7), WastValues.ToObject(new WastValue(ValueKind.ExternRef, 7)));
    }

    [Fact]
    public void V128_arguments_keep_both_halves()
    {
        Assert.Equal(new V128(1, 2), WastValues.ToObject(new WastValue(ValueKind.V128, 1, 2)));
    }

    [Fact]
    public void Host_references_are_equal_by_number()
    {
        Assert.Equal(new HostReference(3), new HostReference(3));
        Assert.NotEqual(new HostReference(3), new HostReference(4));
        Assert.Equal("ref.extern 3", new HostReference(3).ToString());
    }

    [Fact]
    public void Integers_compare_by_bits_and_by_boxed_type()
    {
        Assert.True(WastMatcher.Matches(-1, Exact(ValueKind.I32, 0xFFFF_FFFF)));
        Assert.False(WastMatcher.Matches(-1L, Exact(ValueKind.I32, 0xFFFF_FFFF)));
        Assert.True(WastMatcher.Matches(-1L, Exact(ValueKind.I64, ulong.MaxValue)));
        Assert.False(WastMatcher.Matches(1, Exact(ValueKind.I64, 1)));
    }

    [Fact]
    public void Floats_compare_by_bits_so_signed_zeros_differ()
    {
        Assert.True(WastMatcher.Matches(-0.0f, Exact(ValueKind.F32, 0x8000_0000)));
        Assert.False(WastMatcher.Matches(0.0f, Exact(ValueKind.F32, 0x8000_0000)));
        Assert.False(WastMatcher.Matches(0.0, Exact(ValueKind.F64, 0x8000_0000_0000_0000)));
        Assert.False(WastMatcher.Matches(1.0, Exact(ValueKind.F32, 0x3F80_0000)));
    }

    [Fact]
    public void References_match_null_by_nullness_and_extern_values_by_number()
    {
        Assert.True(WastMatcher.Matches(null, Exact(ValueKind.FuncRef, 0, isNull: true)));
        Assert.True(WastMatcher.Matches(null, Exact(ValueKind.ExternRef, 0, isNull: true)));
        Assert.False(WastMatcher.Matches(new HostReference(0), Exact(ValueKind.ExternRef, 0, isNull: true)));
        Assert.True(WastMatcher.Matches(new HostReference(5), Exact(ValueKind.ExternRef, 5)));
        Assert.False(WastMatcher.Matches(new HostReference(6), Exact(ValueKind.ExternRef, 5)));
        Assert.False(WastMatcher.Matches("5", Exact(ValueKind.ExternRef, 5)));
    }

    [Fact]
    public void Any_extern_reference_accepts_any_non_null_host_value()
    {
        var expected = new WastExpected(WastExpectedKind.AnyExternRef, null, ValueKind.ExternRef);
        Assert.True(WastMatcher.Matches(new HostReference(1), expected));
        Assert.False(WastMatcher.Matches(null, expected));
    }

    [Fact]
    public void Any_function_reference_rejects_null_and_host_values()
    {
        var expected = new WastExpected(WastExpectedKind.AnyFuncRef, null, ValueKind.FuncRef);
        Assert.False(WastMatcher.Matches(null, expected));
        Assert.False(WastMatcher.Matches(new HostReference(1), expected));
    }

    [Fact]
    public void Integer_lanes_compare_only_the_lane_width_of_the_expected_bits()
    {
        var lanes = Enumerable.Range(0, 8)
            .Select(i => new WastExpected(WastExpectedKind.Exact, new WastValue(ValueKind.I32, i == 7 ? ulong.MaxValue : (ulong)i), ValueKind.I32))
            .ToArray();
        var expected = new WastExpected(WastExpectedKind.Lanes, null, ValueKind.V128, "i16x8", lanes);
        var value = new V128(0x0003_0002_0001_0000, 0xFFFF_0006_0005_0004);
        Assert.True(WastMatcher.Matches(value, expected));
        Assert.False(WastMatcher.Matches(new V128(value.Low, 0x7FFF_0006_0005_0004), expected));
    }

    [Theory]
    [InlineData(8, 15, 0xABul)]
    [InlineData(8, 8, 0x55ul)]
    [InlineData(16, 3, 0x1111ul)]
    [InlineData(16, 7, 0xAB22ul)]
    [InlineData(32, 1, 0x1111_0000ul)]
    [InlineData(32, 2, 0x3344_4455ul)]
    [InlineData(64, 1, 0xAB22_2233_3344_4455ul)]
    public void Lanes_are_read_little_endian_across_both_halves(int width, int lane, ulong expected)
    {
        var value = new V128(0x1111_0000_0000_0000, 0xAB22_2233_3344_4455);
        Assert.Equal(expected, WastMatcher.ExtractLane(value, lane, width));
    }

    [Fact]
    public void Result_count_mismatch_is_reported_with_both_lists()
    {
        var message = WastMatcher.Compare([1, 2], [Exact(ValueKind.I32, 1)]);
        Assert.Equal("expected 1 result(s) [i32:1], got 2 [i32:1, i32:2]", message);
    }

    [Fact]
    public void Mismatched_result_names_its_position_and_shows_float_bits()
    {
        var message = WastMatcher.Compare([1, 0.5f], [Exact(ValueKind.I32, 1), Exact(ValueKind.F32, 0x3F80_0000)]);
        Assert.Equal("result 1: expected f32:1 (0x3f800000), got f32:0.5 (0x3f000000)", message);
        Assert.Null(WastMatcher.Compare([1], [Exact(ValueKind.I32, 1)]));
    }
}
