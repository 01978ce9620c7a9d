using System.Diagnostics;
using Djinn.Engine.Binary;
using Xunit;
using static Djinn.Engine.Tests.Binary.WasmBytes;

namespace Djinn.Engine.Tests.Binary;

/// <summary>Hostile input: mutated modules must only ever produce <see cref="ModuleParseException"/>.</summary>
public sealed class DecoderFuzzTests
{
    private static readonly TimeSpan _budget = TimeSpan.FromSeconds(2);

    /// <summary>Interesting bytes for flips and insertions: LEB continuations, opcodes, prefixes, type codes.</summary>
    private static readonly byte[] _specialBytes = { 0x00, 0x01, 0x02, 0x05, 0x0B, 0x40, 0x60, 0x6F, 0x70, 0x7F, 0x80, 0xFC, 0xFD, 0xFF };

    private static List<byte[]> Seeds()
    {
        var seeds = new List<byte[]>
        {
            Module().VoidFunctions(2)
                .Code(B(0x02, 0x40, 0x41, 0x01, 0x04, 0x7F, 0x41, 0x02, 0x05, 0x41, 0x03, 0x0B, 0x1A, 0x0B),
                      B(0x0E, 0x02, 0x00, 0x00, 0x00, 0x28, 0x02, 0x10, 0x1A, 0x3F, 0x00, 0x40, 0x00, 0x1A, 0x1C, 0x01, 0x7F))
                .Build(),
            Module()
                .VectorSection(1, B(0x60, 0x02, 0x7F, 0x7E, 0x01, 0x7D))
                .VectorSection(2, Concat(Name("env"), Name("f"), B(0x00, 0x00)), Concat(Name("env"), Name("m"), B(0x02, 0x01, 0x01, 0x02)))
                .VectorSection(3, B(0x00))
                .VectorSection(4, B(0x70, 0x00, 0x01))
                .VectorSection(6, B(0x7F, 0x01, 0x41, 0x2A, 0x0B))
                .VectorSection(7, Concat(Name("g"), B(0x03, 0x00)))
                .VectorSection(9, B(0x00, 0x41, 0x00, 0x0B, 0x01, 0x00), B(0x05, 0x70, 0x01, 0xD0, 0x70, 0x0B), B(0x03, 0x00, 0x01, 0x01))
                .Section(12, B(0x02))
                .Code(B(0xFC, 0x08, 0x00, 0x00, 0xFC, 0x09, 0x01, 0xFC, 0x0E, 0x00, 0x00, 0x43, 0, 0, 0x80, 0x3F, 0x1A))
                .VectorSection(11, Concat(B(0x00, 0x41, 0x00, 0x0B), Name("data")), Concat(B(0x01), Name("p")))
                .Section(0, Name("name"), B(1, 2, 3))
                .Build(),
        };
        foreach (var c in SpecBinaryCases.Load())
        {
            if (c.ExpectedMalformed is null && c.Bytes.Length > 8) seeds.Add(c.Bytes);
        }
        return seeds;
    }

    [Fact]
    public void Mutated_modules_only_ever_throw_module_parse_exceptions()
    {
        var seeds = Seeds();
        foreach (var seed in seeds) ModuleDecoder.Decode(seed);

        var random = new Random(20261121);
        var clock = Stopwatch.StartNew();
        int iterations = 0;
        while (clock.Elapsed < _budget)
        {
            var seed = seeds[random.Next(seeds.Count)];
            var mutant = Mutate(seed, random);
            try
            {
                ModuleDecoder.Decode(mutant);
            }
            catch (ModuleParseException e)
            {
                Assert.InRange(e.Offset, 0, mutant.Length);
            }
            catch (Exception e)
            {
                Assert.Fail($"{e.GetType().Name} for input {Convert.ToHexString(mutant)}: {e}");
            }
            iterations++;
        }
        Assert.True(iterations > 100, $"only {iterations} iterations ran");
    }

    [Fact]
    public void Every_truncation_inside_a_section_of_a_valid_module_is_malformed()
    {
        foreach (var seed in Seeds().GetRange(0, 2))
        {
            var boundaries = SectionBoundaries(seed);
            for (int length = 0; length < seed.Length; length++)
            {
                if (boundaries.Contains(length)) continue;
                Assert.Throws<ModuleParseException>(() => ModuleDecoder.Decode(seed.AsSpan(0, length)));
            }
        }
    }

    /// <summary>Offsets where a section ends (including the header's end) in a well-formed module.</summary>
    private static HashSet<int> SectionBoundaries(byte[] module)
    {
        var result = new HashSet<int> { 8 };
        var r = new WasmReader(module);
        r.ReadSpan(8);
        while (!r.AtEnd)
        {
            r.ReadByte();
            int size = (int)r.ReadU32();
            r.ReadSpan(size);
            result.Add(r.Position);
        }
        return result;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        int edits = 1 + random.Next(4);
        for (int i = 0; i < edits; i++)
        {
            int at = 8 + random.Next(Math.Max(1, bytes.Count - 8));
            switch (random.Next(5))
            {
                case 0:
                    if (at < bytes.Count) bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 1:
                    if (at < bytes.Count) bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    if (at < bytes.Count) bytes[at] = _specialBytes[random.Next(_specialBytes.Length)];
                    break;
                case 3:
                    bytes.Insert(Math.Min(at, bytes.Count), random.Next(2) == 0 ? (byte)random.Next(256) : _specialBytes[random.Next(_specialBytes.Length)]);
                    break;
                default:
                    if (at < bytes.Count) bytes.RemoveAt(at);
                    break;
            }
        }
        return bytes.ToArray();
    }
}
