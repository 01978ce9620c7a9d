using Djinn.Engine.Model;
using Djinn.Engine.Tests.Compilation;
using static Djinn.Engine.Tests.Compilation.ModuleBuilder;
using K = Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Simd;

/// <summary>
/// Compiles single SIMD instructions from hand-built modules (no decoder or text parser needed) and compares their
/// lanes with scalar reference implementations written straight from the spec's numerics
/// (https://webassembly.github.io/spec/core/exec/numerics.html).
/// </summary>
internal static class SimdHarness
{
    public static Instance Instantiate(ModuleBuilder builder)
    {
        var engine = new Engine();
        return new Linker(engine).Instantiate(new Store(engine), Module.FromDefinition(engine, "simd", builder.Build()));
    }

    /// <summary>A function that pushes its parameters in order, then runs <paramref name="body"/>.</summary>
    public static Function Compile(K[] ps, K result, params Instruction[] body)
    {
        var b = new ModuleBuilder();
        var code = new List<Instruction>();
        for (uint i = 0; i < ps.Length; i++) code.Add(I(Opcode.LocalGet, i));
        code.AddRange(body);
        b.Function(ps, [result], "f", [], [.. code]);
        return Instantiate(b).GetFunction("f")!;
    }

    /// <summary>A function whose body is exactly <paramref name="code"/>.</summary>
    public static Function CompileBody(K[] ps, K result, params Instruction[] code)
    {
        var b = new ModuleBuilder();
        b.Function(ps, [result], "f", [], code);
        return Instantiate(b).GetFunction("f")!;
    }

    public static Function Compile(K[] ps, K result, Opcode op, uint laneOrA = 0) => Compile(ps, result, I(op, laneOrA));

    public static V128 Call(Function f, params object[] args) => (V128)f.Invoke(args)[0]!;

    // ---- lanes ----

    public static ulong Mask(int width) => width == 64 ? ulong.MaxValue : (1UL << width) - 1;

    public static ulong Lane(V128 v, int width, int lane)
    {
        int bit = lane * width;
        ulong half = bit < 64 ? v.Low : v.High;
        return (half >> (bit % 64)) & Mask(width);
    }

    public static long Signed(ulong bits, int width) => width == 64 ? (long)bits : (long)(bits << (64 - width)) >> (64 - width);

    public static V128 FromLanes(int width, IReadOnlyList<ulong> lanes)
    {
        ulong low = 0, high = 0;
        for (int i = 0; i < lanes.Count; i++)
        {
            int bit = i * width;
            ulong value = lanes[i] & Mask(width);
            if (bit < 64) low |= value << bit;
            else high |= value << (bit - 64);
        }
        return new V128(low, high);
    }

    public static ulong[] ToLanes(V128 v, int width)
    {
        var lanes = new ulong[128 / width];
        for (int i = 0; i < lanes.Length; i++) lanes[i] = Lane(v, width, i);
        return lanes;
    }

    /// <summary>Edge values of a lane width (0, ±1, extremes, sign boundary) followed by random ones.</summary>
    public static IEnumerable<V128> Vectors(int width, int seed, int random = 24)
    {
        ulong m = Mask(width);
        ulong top = 1UL << (width - 1);
        ulong[] edges = [0, 1, m, top, top - 1, top + 1, m - 1, 2, 0x55 & m, 0xAA & m, 0x7F & m, 0x80 & m];
        int count = 128 / width;
        for (int start = 0; start < edges.Length; start++)
        {
            var lanes = new ulong[count];
            for (int i = 0; i < count; i++) lanes[i] = edges[(start + i * 5) % edges.Length];
            yield return FromLanes(width, lanes);
        }
        var rng = new Random(seed);
        for (int k = 0; k < random; k++) yield return new V128((ulong)rng.NextInt64(), (ulong)rng.NextInt64());
    }

    /// <summary>Pairs of vectors for binary operations: edge vectors against each other, and random pairs.</summary>
    public static IEnumerable<(V128 A, V128 B)> Pairs(int width, int seed)
    {
        var list = Vectors(width, seed).ToList();
        for (int i = 0; i < list.Count; i++)
            yield return (list[i], list[(i * 7 + 3) % list.Count]);
        for (int i = 0; i < 12; i++) yield return (list[i], list[(i + 1) % 12]);
    }

    // ---- float lanes ----

    public static readonly uint[] F32Specials =
    [
        0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x3F000000, 0xBF000000, 0x3FC00000, 0x40200000, 0xC0200000,
        0x7F800000, 0xFF800000, 0x7FC00000, 0xFFC00000, 0x7FA00000, 0x7FC01234, 0xFFA00001, 0x7F7FFFFF, 0xFF7FFFFF,
        0x00000001, 0x80000001, 0x00800000, 0x4B000001, 0x4AFFFFFF, 0x4EFFFFFF, 0x4F000000, 0x4F800000, 0xCF000000,
        0xCF000001, 0x4F7FFFFF, 0xBF7FFFFF, 0x3EFFFFFF, 0x40490FDB,
    ];

    public static readonly ulong[] F64Specials =
    [
        0x0000000000000000, 0x8000000000000000, 0x3FF0000000000000, 0xBFF0000000000000, 0x3FE0000000000000,
        0xBFE0000000000000, 0x3FF8000000000000, 0x4004000000000000, 0xC004000000000000, 0x7FF0000000000000,
        0xFFF0000000000000, 0x7FF8000000000000, 0xFFF8000000000000, 0x7FF4000000000000, 0x7FF8000000001234,
        0xFFF0000000000001, 0x7FEFFFFFFFFFFFFF, 0x0000000000000001, 0x8000000000000001, 0x4330000000000001,
        0x41DFFFFFFFC00000, 0x41E0000000000000, 0xC1E0000000000000, 0xC1E0000000200000, 0x41EFFFFFFFE00000,
        0x41F0000000000000, 0xBFEFFFFFFFFFFFFF, 0x400921FB54442D18, 0x47EFFFFFE0000000, 0x47EFFFFFF0000000,
        0x36A0000000000000, 0x3FDFFFFFFFFFFFFF,
    ];

    /// <summary>Float vectors: every special value in every lane position against every other, plus random bits.</summary>
    public static IEnumerable<(V128 A, V128 B)> FloatPairs(int width, int seed)
    {
        int count = 128 / width;
        int n = width == 32 ? F32Specials.Length : F64Specials.Length;
        ulong Special(int i) => width == 32 ? F32Specials[i % n] : F64Specials[i % n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j += count)
            {
                var a = new ulong[count];
                var b = new ulong[count];
                for (int l = 0; l < count; l++)
                {
                    a[l] = Special(i);
                    b[l] = Special(j + l);
                }
                yield return (FromLanes(width, a), FromLanes(width, b));
            }
        }
        var rng = new Random(seed);
        for (int k = 0; k < 32; k++)
            yield return (new V128((ulong)rng.NextInt64(), (ulong)rng.NextInt64()), new V128((ulong)rng.NextInt64(), (ulong)rng.NextInt64()));
    }

    public static bool IsNaN(ulong bits, int width) =>
        width == 32 ? float.IsNaN(BitConverter.UInt32BitsToSingle((uint)bits)) : double.IsNaN(BitConverter.UInt64BitsToDouble(bits));

    public static bool IsCanonicalNaN(ulong bits, int width) =>
        width == 32 ? (bits & 0x7FFFFFFF) == 0x7FC00000 : (bits & 0x7FFFFFFFFFFFFFFF) == 0x7FF8000000000000;

    public static bool IsArithmeticNaN(ulong bits, int width) =>
        IsNaN(bits, width) && (width == 32 ? (bits & 0x00400000) != 0 : (bits & 0x0008000000000000) != 0);

    /// <summary>
    /// Checks a float lane: a non-NaN expectation bit for bit; a NaN expectation as the spec's nans rule: canonical when
    /// every NaN input is canonical, otherwise any arithmetic NaN.
    /// </summary>
    public static void AssertFloatLane(string what, int width, ulong expected, ulong actual, params ulong[] inputs)
    {
        if (!IsNaN(expected, width))
        {
            Assert.True(expected == actual, $"{what}: expected 0x{expected:x}, got 0x{actual:x}");
            return;
        }
        bool canonical = inputs.Where(x => IsNaN(x, width)).All(x => IsCanonicalNaN(x, width));
        if (canonical) Assert.True(IsCanonicalNaN(actual, width), $"{what}: expected nan:canonical, got 0x{actual:x}");
        else Assert.True(IsArithmeticNaN(actual, width), $"{what}: expected nan:arithmetic, got 0x{actual:x}");
    }

    public static string Hex(V128 v) => $"0x{v.High:x16}{v.Low:x16}";
}
