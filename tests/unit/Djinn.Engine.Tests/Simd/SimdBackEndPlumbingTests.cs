using Djinn.Engine.Model;
using Djinn.Engine.Tests.Compilation;
using static Djinn.Engine.Tests.Compilation.ModuleBuilder;
using static Djinn.Engine.Tests.Simd.SimdHarness;
using K = Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Simd;

/// <summary>v128 through lanes, shuffles, locals, blocks, calls, globals and the host boundary.</summary>
public sealed class SimdBackEndPlumbingTests
{
    private static readonly V128 Sample = new(0x0706050403020100, 0x0F0E0D0C0B0A0908);

    [Fact]
    public void Every_simd_opcode_has_a_runtime_op_or_is_emitted_in_line()
    {
        // Every opcode has a runtime op, or is emitted in line (const, shuffle, lane access, loads and stores).
        var missing = new List<string>();
        foreach (var name in Enum.GetNames<Opcode>())
        {
            var op = Enum.Parse<Opcode>(name);
            if (op < Opcode.SimdPrefix || name == nameof(Opcode.SimdPrefix)) continue;
            var method = typeof(Engine).Assembly.GetType("Djinn.Engine.Runtime.RuntimeOps")!
                .GetMethod(name, System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public);
            bool inline = op is Opcode.V128Const or Opcode.I8x16Shuffle or >= Opcode.V128Load and <= Opcode.V128Store
                or >= Opcode.I8x16ExtractLaneS and <= Opcode.F64x2ReplaceLane
                or >= Opcode.V128Load8Lane and <= Opcode.V128Load64Zero;
            if (method is null && !inline) missing.Add(name);
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void Splat_extract_and_replace_lane_cover_every_shape()
    {
        Assert.Equal(new V128(0xABABABABABABABAB, 0xABABABABABABABAB), Call(Compile([K.I32], K.V128, Opcode.I8x16Splat), 0x12AB));
        Assert.Equal(new V128(0x1234123412341234, 0x1234123412341234), Call(Compile([K.I32], K.V128, Opcode.I16x8Splat), 0x71234));
        Assert.Equal(new V128(0xDEADBEEFDEADBEEF, 0xDEADBEEFDEADBEEF), Call(Compile([K.I32], K.V128, Opcode.I32x4Splat), unchecked((int)0xDEADBEEF)));
        Assert.Equal(new V128(5, 5), Call(Compile([K.I64], K.V128, Opcode.I64x2Splat), 5L));
        float nanF = BitConverter.Int32BitsToSingle(0x7FA01234);
        Assert.Equal(new V128(0x7FA012347FA01234, 0x7FA012347FA01234), Call(Compile([K.F32], K.V128, Opcode.F32x4Splat), nanF));
        double nanD = BitConverter.Int64BitsToDouble(0x7FF4000000000abc);
        Assert.Equal(new V128(0x7FF4000000000abc, 0x7FF4000000000abc), Call(Compile([K.F64], K.V128, Opcode.F64x2Splat), nanD));

        var v = new V128(0x8180FF7F_FEDCBA98, 0x7FA01234_7FF40000);
        Assert.Equal(-127, Compile([K.V128], K.I32, Opcode.I8x16ExtractLaneS, 7).Invoke(v)[0]);
        Assert.Equal(0x81, Compile([K.V128], K.I32, Opcode.I8x16ExtractLaneU, 7).Invoke(v)[0]);
        Assert.Equal(-32384, Compile([K.V128], K.I32, Opcode.I16x8ExtractLaneS, 3).Invoke(v)[0]);
        Assert.Equal(0x8180, Compile([K.V128], K.I32, Opcode.I16x8ExtractLaneU, 3).Invoke(v)[0]);
        Assert.Equal(0x7FA01234, Compile([K.V128], K.I32, Opcode.I32x4ExtractLane, 3).Invoke(v)[0]);
        Assert.Equal(0x7FA012347FF40000, Compile([K.V128], K.I64, Opcode.I64x2ExtractLane, 1).Invoke(v)[0]);
        var f = (float)Compile([K.V128], K.F32, Opcode.F32x4ExtractLane, 3).Invoke(v)[0]!;
        Assert.Equal(0x7FA01234, BitConverter.SingleToInt32Bits(f));
        var d = (double)Compile([K.V128], K.F64, Opcode.F64x2ExtractLane, 1).Invoke(v)[0]!;
        Assert.Equal(0x7FA012347FF40000, BitConverter.DoubleToInt64Bits(d));

        Assert.Equal(new V128(0x0706050403020100, 0x0F0E0D0C0B0AEE08), Call(Compile([K.V128, K.I32], K.V128, Opcode.I8x16ReplaceLane, 9), Sample, 0x1EE));
        Assert.Equal(new V128(0x0706050403020100, 0x0F0E0D0CBEEF0908), Call(Compile([K.V128, K.I32], K.V128, Opcode.I16x8ReplaceLane, 5), Sample, 0x1BEEF));
        Assert.Equal(new V128(0x0706050403020100, 0x0F0E0D0CDEADBEEF), Call(Compile([K.V128, K.I32], K.V128, Opcode.I32x4ReplaceLane, 2), Sample, unchecked((int)0xDEADBEEF)));
        Assert.Equal(new V128(99, 0x0F0E0D0C0B0A0908), Call(Compile([K.V128, K.I64], K.V128, Opcode.I64x2ReplaceLane, 0), Sample, 99L));
        Assert.Equal(new V128(0x7FA0123403020100, 0x0F0E0D0C0B0A0908), Call(Compile([K.V128, K.F32], K.V128, Opcode.F32x4ReplaceLane, 1), Sample, nanF));
        Assert.Equal(new V128(0x0706050403020100, 0x7FF4000000000abc), Call(Compile([K.V128, K.F64], K.V128, Opcode.F64x2ReplaceLane, 1), Sample, nanD));
    }

    [Fact]
    public void Shuffle_and_swizzle_pick_lanes_in_order()
    {
        var a = Sample;
        var b = new V128(0x1716151413121110, 0x1F1E1D1C1B1A1918);
        byte[] pattern = [31, 0, 16, 15, 1, 17, 2, 18, 30, 29, 3, 3, 28, 4, 5, 16];
        var f = Compile([K.V128, K.V128], K.V128, V(Opcode.I8x16Shuffle, BitConverter.ToUInt64(pattern, 0), BitConverter.ToUInt64(pattern, 8)));
        var r = Call(f, a, b);
        for (int i = 0; i < 16; i++) Assert.Equal((ulong)pattern[i], Lane(r, 8, i)); // a and b hold their own indexes

        var swizzle = Compile([K.V128, K.V128], K.V128, Opcode.I8x16Swizzle);
        byte[] indexes = [0, 15, 16, 255, 128, 7, 1, 17, 8, 9, 200, 3, 2, 14, 31, 32];
        var s = Call(swizzle, new V128(0x8877665544332211, 0x0123456789ABCDEF), new V128(BitConverter.ToUInt64(indexes, 0), BitConverter.ToUInt64(indexes, 8)));
        var source = ToLanes(new V128(0x8877665544332211, 0x0123456789ABCDEF), 8);
        for (int i = 0; i < 16; i++) Assert.Equal(indexes[i] < 16 ? source[indexes[i]] : 0, Lane(s, 8, i));
    }

    [Fact]
    public void Shuffle_matches_the_reference_for_random_patterns()
    {
        var rng = new Random(21);
        for (int k = 0; k < 24; k++)
        {
            var pattern = new byte[16];
            for (int i = 0; i < 16; i++) pattern[i] = (byte)rng.Next(k % 3 == 0 ? 16 : 32);
            var f = Compile([K.V128, K.V128], K.V128, V(Opcode.I8x16Shuffle, BitConverter.ToUInt64(pattern, 0), BitConverter.ToUInt64(pattern, 8)));
            var a = new V128((ulong)rng.NextInt64(), (ulong)rng.NextInt64());
            var b = new V128((ulong)rng.NextInt64(), (ulong)rng.NextInt64());
            var joined = ToLanes(a, 8).Concat(ToLanes(b, 8)).ToArray();
            var r = Call(f, a, b);
            for (int i = 0; i < 16; i++) Assert.Equal(joined[pattern[i]], Lane(r, 8, i));
        }
    }

    [Fact]
    public void Host_functions_may_use_Vector128_of_bytes_directly()
    {
        var b = new ModuleBuilder();
        int import = b.ImportFunction("host", "twice", [K.V128], [K.V128]);
        b.Function([K.V128], [K.V128], "f", [], I(Opcode.LocalGet, 0), I(Opcode.Call, (uint)import));
        var engine = new Engine();
        var linker = new Linker(engine);
        linker.DefineFunction("host", "twice",
            new Func<System.Runtime.Intrinsics.Vector128<byte>, System.Runtime.Intrinsics.Vector128<byte>>(v => v + v));
        var instance = linker.Instantiate(new Store(engine), Module.FromDefinition(engine, "host", b.Build()));
        Assert.Equal(new V128(0x0E0C0A0806040200, 0x1E1C1A1816141210), Call(instance.GetFunction("f")!, Sample));
    }

    [Fact]
    public void V128_flows_through_locals_blocks_branches_select_and_multi_value_calls()
    {
        var b = new ModuleBuilder();
        int pair = b.Function([K.V128, K.V128], [K.V128, K.V128], null, [], I(Opcode.LocalGet, 1), I(Opcode.LocalGet, 0));
        b.Function([K.V128, K.V128, K.I32], [K.V128], "f", [K.V128],
            I(Opcode.LocalGet, 0), I(Opcode.LocalGet, 1), I(Opcode.Call, (uint)pair), // swapped: (b, a)
            I(Opcode.LocalSet, 3), I(Opcode.Drop),                                    // local3 = a
            I(Opcode.Block, (uint)K.V128, (uint)BlockTypeKind.Single),
            I(Opcode.LocalGet, 3), I(Opcode.LocalGet, 2), I(Opcode.BrIf, 0),
            I(Opcode.LocalGet, 1), I(Opcode.I32x4Add),
            I(Opcode.End),
            I(Opcode.LocalGet, 0), I(Opcode.LocalGet, 2), I(Opcode.I32Eqz), I(Opcode.Select));
        var f = Instantiate(b).GetFunction("f")!;
        var x = new V128(1, 2);
        var y = new V128(0x0000000500000006, 7);
        // Branch taken: the block yields a; select picks x = a.
        Assert.Equal(x, Call(f, x, y, 1));
        // Not taken: a + b, which select picks.
        Assert.Equal(new V128(0x0000000500000007, 9), Call(f, x, y, 0));
    }

    [Fact]
    public void Globals_hold_v128_with_const_initializers_and_global_get_init()
    {
        var b = new ModuleBuilder()
            .Global(K.V128, true, "g", V(Opcode.V128Const, 0x1122334455667788, 0x99AABBCCDDEEFF00))
            .Global(K.V128, false, "h", I(Opcode.GlobalGet, 0));
        b.Function([K.V128], [K.V128], "swap", [], I(Opcode.GlobalGet, 0), I(Opcode.LocalGet, 0), I(Opcode.GlobalSet, 0));
        b.Function([], [K.V128], "h", [], I(Opcode.GlobalGet, 1));
        var instance = Instantiate(b);
        var swap = instance.GetFunction("swap")!;
        Assert.Equal(new V128(0x1122334455667788, 0x99AABBCCDDEEFF00), Call(swap, new V128(1, 2)));
        Assert.Equal(new V128(1, 2), Call(swap, new V128(3, 4)));
        Assert.Equal(new V128(3, 4), ((Global)instance.Exports["g"]).Value);
        Assert.Equal(new V128(0x1122334455667788, 0x99AABBCCDDEEFF00), Call(instance.GetFunction("h")!));
    }

    [Fact]
    public void Host_functions_take_and_return_v128_as_V128()
    {
        var b = new ModuleBuilder();
        int import = b.ImportFunction("host", "mix", [K.V128, K.I32], [K.V128, K.V128]);
        b.Function([K.V128], [K.V128], "f", [],
            I(Opcode.LocalGet, 0), I(Opcode.I32Const, 10), I(Opcode.Call, (uint)import), I(Opcode.V128Xor));
        var engine = new Engine();
        var linker = new Linker(engine);
        linker.Define("host", "mix", Function.FromDelegate(new Mix((V128 v, int k, out V128 second) =>
        {
            second = new V128(v.High, v.Low);
            return new V128(v.Low + (ulong)k, v.High + (ulong)k);
        })));
        var instance = linker.Instantiate(new Store(engine), Module.FromDefinition(engine, "host", b.Build()));
        var r = Call(instance.GetFunction("f")!, new V128(1, 2));
        Assert.Equal(new V128(11 ^ 2, 12 ^ 1), r);
        Assert.Equal(new FuncType([K.V128, K.I32], [K.V128, K.V128]), Function.FromDelegate(new Mix((V128 v, int k, out V128 s) => s = v)).Type);
    }

    private delegate V128 Mix(V128 v, int k, out V128 second);
}
