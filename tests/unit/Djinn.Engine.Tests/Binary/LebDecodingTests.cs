using Djinn.Engine.Binary;
using Xunit;

namespace Djinn.Engine.Tests.Binary;

/// <summary>LEB128 decoding edge cases (https://webassembly.github.io/spec/core/binary/values.html#integers).</summary>
public sealed class LebDecodingTests
{
    private static uint U32(params byte[] bytes)
    {
        var r = new WasmReader(bytes);
        uint value = r.ReadU32();
        Assert.True(r.AtEnd);
        return value;
    }

    private static long S(int bits, params byte[] bytes)
    {
        var r = new WasmReader(bytes);
        long value = bits switch { 32 => r.ReadS32(), 33 => r.ReadS33(), _ => r.ReadS64() };
        Assert.True(r.AtEnd);
        return value;
    }

    private static ModuleParseException Fails(int bits, bool signed, params byte[] bytes) =>
        Assert.Throws<ModuleParseException>(() =>
        {
            var r = new WasmReader(bytes);
            if (!signed) r.ReadU32();
            else if (bits == 32) r.ReadS32();
            else if (bits == 33) r.ReadS33();
            else r.ReadS64();
        });

    [Fact]
    public void Unsigned_32_bit_values_decode_including_redundant_padding()
    {
        Assert.Equal(0u, U32(0x00));
        Assert.Equal(127u, U32(0x7F));
        Assert.Equal(128u, U32(0x80, 0x01));
        Assert.Equal(0u, U32(0x80, 0x80, 0x80, 0x80, 0x00));
        Assert.Equal(uint.MaxValue, U32(0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
    }

    [Fact]
    public void Unsigned_32_bit_value_with_a_sixth_byte_is_too_long()
    {
        var e = Fails(32, false, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
        Assert.Equal("integer representation too long", e.Cause);
        Assert.Equal(5, e.Offset);
    }

    [Fact]
    public void Unsigned_32_bit_value_with_unused_bits_set_is_too_large()
    {
        var e = Fails(32, false, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F);
        Assert.Equal("integer too large", e.Cause);
        Assert.Equal(4, e.Offset);
        Assert.Equal("integer too large", Fails(32, false, 0x80, 0x80, 0x80, 0x80, 0x70).Cause);
    }

    [Fact]
    public void Truncated_leb_reports_unexpected_end()
    {
        var e = Fails(32, false, 0x80, 0x80);
        Assert.StartsWith("unexpected end", e.Cause);
        Assert.Equal(2, e.Offset);
    }

    [Fact]
    public void Signed_32_bit_extremes_decode()
    {
        Assert.Equal(-1, S(32, 0x7F));
        Assert.Equal(63, S(32, 0x3F));
        Assert.Equal(-64, S(32, 0x40));
        Assert.Equal(int.MaxValue, S(32, 0xFF, 0xFF, 0xFF, 0xFF, 0x07));
        Assert.Equal(int.MinValue, S(32, 0x80, 0x80, 0x80, 0x80, 0x78));
        Assert.Equal(-1, S(32, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F));
        Assert.Equal(0, S(32, 0x80, 0x80, 0x80, 0x80, 0x00));
    }

    [Fact]
    public void Signed_32_bit_last_byte_must_sign_extend()
    {
        Assert.Equal("integer too large", Fails(32, true, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F).Cause);
        Assert.Equal("integer too large", Fails(32, true, 0x80, 0x80, 0x80, 0x80, 0x70).Cause);
        Assert.Equal("integer representation too long", Fails(32, true, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).Cause);
    }

    [Fact]
    public void Signed_33_bit_covers_the_whole_u32_range_of_type_indices()
    {
        Assert.Equal((long)uint.MaxValue, S(33, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        Assert.Equal(-(1L << 32), S(33, 0x80, 0x80, 0x80, 0x80, 0x70));
        Assert.Equal("integer too large", Fails(33, true, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F).Cause);
    }

    [Fact]
    public void Signed_64_bit_extremes_decode()
    {
        Assert.Equal(long.MaxValue, S(64, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00));
        Assert.Equal(long.MinValue, S(64, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F));
        Assert.Equal(-1L, S(64, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F));
    }

    [Fact]
    public void Signed_64_bit_tenth_byte_rules_are_enforced()
    {
        Assert.Equal("integer too large", Fails(64, true, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).Cause);
        Assert.Equal("integer too large", Fails(64, true, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7E).Cause);
        Assert.Equal("integer representation too long",
            Fails(64, true, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).Cause);
    }

    [Fact]
    public void Builder_encodings_round_trip_through_the_reader()
    {
        foreach (long v in new[] { 0L, 1, -1, 63, 64, -64, -65, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue })
        {
            Assert.Equal(v, S(64, WasmBytes.S64(v)));
        }
        foreach (uint v in new uint[] { 0, 1, 127, 128, 16383, 16384, uint.MaxValue })
        {
            Assert.Equal(v, U32(WasmBytes.U32(v)));
        }
    }
}
