using Djinn.Engine.Model;
using Djinn.Engine.Tests.Compilation;
using static Djinn.Engine.Tests.Compilation.ModuleBuilder;
using static Djinn.Engine.Tests.Simd.SimdHarness;
using K = Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Simd;

/// <summary>SIMD loads and stores: every form, against the bytes in memory, with bounds checks at the last byte.</summary>
public sealed class SimdBackEndMemoryTests
{
    private const int PageSize = 65536;

    /// <summary>An instance with one page (bytes i * 7 + 3) and a function running <paramref name="code"/> on its parameters.</summary>
    private static (Function F, Memory Memory) Build(K[] ps, K[] rs, params Instruction[] code)
    {
        var b = new ModuleBuilder().Memory(1).ExportMemory("mem");
        var body = new List<Instruction>();
        for (uint i = 0; i < ps.Length; i++) body.Add(I(Opcode.LocalGet, i));
        body.AddRange(code);
        b.Function(ps, rs, "f", [], [.. body]);
        var instance = Instantiate(b);
        var memory = instance.GetMemory("mem")!;
        var span = memory.GetSpan();
        for (int i = 0; i < span.Length; i++) span[i] = (byte)(i * 7 + 3);
        return (instance.GetFunction("f")!, memory);
    }

    private static ulong Read(Memory memory, long address, int bytes)
    {
        ulong value = 0;
        var span = memory.GetSpan(address, bytes);
        for (int i = bytes - 1; i >= 0; i--) value = (value << 8) | span[i];
        return value;
    }

    public static TheoryData<string, int, int, int> Loads() => new()
    {
        // opcode, bytes read, lane width of the result, source lane width (0 = plain/splat/zero)
        { "V128Load", 16, 0, 0 },
        { "V128Load8x8S", 8, 16, -8 }, { "V128Load8x8U", 8, 16, 8 },
        { "V128Load16x4S", 8, 32, -16 }, { "V128Load16x4U", 8, 32, 16 },
        { "V128Load32x2S", 8, 64, -32 }, { "V128Load32x2U", 8, 64, 32 },
        { "V128Load8Splat", 1, 8, 0 }, { "V128Load16Splat", 2, 16, 0 }, { "V128Load32Splat", 4, 32, 0 }, { "V128Load64Splat", 8, 64, 0 },
        { "V128Load32Zero", 4, 32, 0 }, { "V128Load64Zero", 8, 64, 0 },
    };

    [Theory]
    [MemberData(nameof(Loads))]
    public void Loads_read_the_right_bytes_and_trap_past_the_end(string name, int bytes, int width, int source)
    {
        var op = Enum.Parse<Opcode>(name);
        const uint offset = 5;
        var (f, memory) = Build([K.I32], [K.V128], I(op, 0, offset));
        foreach (int address in new[] { 0, 1, 1000, PageSize - bytes - (int)offset })
        {
            var v = Call(f, address);
            long ea = address + offset;
            V128 expected;
            if (name == "V128Load") expected = new V128(Read(memory, ea, 8), Read(memory, ea + 8, 8));
            else if (name.EndsWith("Splat", StringComparison.Ordinal))
                expected = FromLanes(width, Enumerable.Repeat(Read(memory, ea, bytes), 128 / width).ToArray());
            else if (name.EndsWith("Zero", StringComparison.Ordinal)) expected = new V128(Read(memory, ea, bytes), 0);
            else
            {
                int w = Math.Abs(source);
                var lanes = new ulong[128 / width];
                for (int i = 0; i < lanes.Length; i++)
                {
                    ulong raw = Read(memory, ea + i * w / 8, w / 8);
                    lanes[i] = source < 0 ? (ulong)Signed(raw, w) : raw;
                }
                expected = FromLanes(width, lanes);
            }
            Assert.Equal(expected, v);
        }
        foreach (int address in new[] { PageSize - bytes - (int)offset + 1, PageSize, -1, int.MinValue })
            Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => f.Invoke(address)).Code);
    }

    [Fact]
    public void Store_writes_sixteen_bytes_and_traps_without_writing_past_the_end()
    {
        var (f, memory) = Build([K.I32, K.V128], [], I(Opcode.V128Store, 4, 3));
        var value = new V128(0x0706050403020100, 0x0F0E0D0C0B0A0908);
        f.Invoke(100, value);
        Assert.Equal(0x0706050403020100UL, Read(memory, 103, 8));
        Assert.Equal(0x0F0E0D0C0B0A0908UL, Read(memory, 111, 8));
        f.Invoke(PageSize - 19, value);
        Assert.Equal(0x0F0E0D0C0B0A0908UL, Read(memory, PageSize - 8, 8));
        byte before = memory.GetSpan()[PageSize - 1];
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => f.Invoke(PageSize - 18, new V128(0, 0))).Code);
        Assert.Equal(before, memory.GetSpan()[PageSize - 1]);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    public void Lane_loads_and_stores_touch_one_lane(int width)
    {
        int bytes = width / 8;
        var base128 = new V128(0x1111111111111111, 0x2222222222222222);
        for (uint lane = 0; lane < 128 / width; lane++)
        {
            var load = Enum.Parse<Opcode>($"V128Load{width}Lane");
            var store = Enum.Parse<Opcode>($"V128Store{width}Lane");
            var (lf, memory) = Build([K.I32, K.V128], [K.V128], new Instruction(load, 0, 0, 2, lane));
            var lanes = ToLanes(base128, width);
            lanes[lane] = Read(memory, 42, bytes);
            Assert.Equal(FromLanes(width, lanes), Call(lf, 40, base128));
            Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => lf.Invoke(PageSize - 2 - bytes + 1, base128)).Code);

            var (sf, smemory) = Build([K.I32, K.V128], [], new Instruction(store, 0, 0, 1, lane));
            var pattern = new V128(0x8877665544332211, 0xFFEEDDCCBBAA9988);
            ulong after = Read(smemory, 50 + 1 + bytes, 1);
            sf.Invoke(50, pattern);
            Assert.Equal(Lane(pattern, width, (int)lane), Read(smemory, 51, bytes));
            Assert.Equal(after, Read(smemory, 51 + bytes, 1));
            Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => sf.Invoke(PageSize - bytes, pattern)).Code);
        }
    }

    [Fact]
    public void Memory_grow_refreshes_the_cached_array_for_simd_access()
    {
        var b = new ModuleBuilder().Memory(1);
        b.Function([], [K.V128], "f", [],
            I(Opcode.I32Const, 1), I(Opcode.MemoryGrow), I(Opcode.Drop),
            I(Opcode.I32Const, PageSize + 16), V(Opcode.V128Const, 42, 43), I(Opcode.V128Store, 4, 0),
            I(Opcode.I32Const, PageSize + 16), I(Opcode.V128Load, 4, 0));
        Assert.Equal(new V128(42, 43), Call(Instantiate(b).GetFunction("f")!));
    }
}
