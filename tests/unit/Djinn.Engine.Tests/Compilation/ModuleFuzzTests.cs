using System.Diagnostics;
using Djinn.Engine.Tests.Support;
using Djinn.Engine.Text;

namespace Djinn.Engine.Tests.Compilation;

/// <summary>
/// Fixed-seed mutation fuzzing through the whole pipeline: decode, validate, compile, instantiate and call every
/// nullary export under a fuel budget. Only the engine's own error types may come out; anything else
/// (InvalidProgramException from bad IL, IndexOutOfRange, NullReference...) is a bug.
/// </summary>
public sealed class ModuleFuzzTests
{
    private static readonly string[] SeedScripts = ["block.wast", "br_table.wast", "call_indirect.wast", "memory_copy.wast", "table_init.wast", "loop.wast", "i64.wast", "f32.wast"];

    [Fact]
    public void Mutated_modules_only_ever_raise_engine_errors()
    {
        var seeds = LoadSeeds();
        Assert.True(seeds.Count > 20, $"only {seeds.Count} seed modules");
        var engine = new Engine(new Config { ConsumeFuel = true, MaxStackBytes = 64 * 1024 });
        var random = new Random(20261121);
        var clock = Stopwatch.StartNew();
        int compiled = 0, mutants = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(4))
        {
            var seed = seeds[random.Next(seeds.Count)];
            var mutant = Mutate(seed, random);
            mutants++;
            try
            {
                var module = Module.FromBytes(engine, "fuzz", mutant);
                compiled++;
                RunExports(engine, module);
            }
            catch (WasmException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"mutant {mutants} ({Convert.ToHexString(mutant)}) raised {e.GetType().Name}: {e}");
            }
        }
        Assert.True(compiled > 0, $"none of {mutants} mutants compiled; the fuzz test exercises nothing past the decoder");
    }

    private static void RunExports(Engine engine, Module module)
    {
        if (module.Imports.Count > 0) return;
        var store = new Store(engine) { Fuel = 100_000, MemoryLimitBytes = 16 * Memory.PageSize };
        var instance = new Linker(engine).Instantiate(store, module);
        foreach (var (_, item) in instance.Exports)
        {
            if (item is Function { Type.Parameters.Count: 0 } function)
            {
                try
                {
                    function.Invoke();
                }
                catch (TrapException)
                {
                }
            }
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits && bytes.Count > 8; e++)
        {
            int at = 8 + random.Next(bytes.Count - 8);
            switch (random.Next(4))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                default: bytes.RemoveRange(at, Math.Min(1 + random.Next(4), bytes.Count - at)); break;
            }
        }
        return bytes.ToArray();
    }

    private static List<byte[]> LoadSeeds()
    {
        var seeds = new List<byte[]>();
        foreach (var name in SeedScripts)
        {
            foreach (var command in WastParser.Parse(File.ReadAllText(Path.Combine(TestPaths.SpecSuite, name))))
            {
                if (command is ModuleCommand { Module: { Kind: WastModuleKind.Text, Bytes: { } bytes } }) seeds.Add(bytes);
            }
        }
        return seeds;
    }
}
