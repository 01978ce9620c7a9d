namespace Djinn.Engine.Tests.Sandbox;

/// <summary>
/// Out-of-bounds accesses with guard pages (the server's mode, and the test host's: tests/test.runsettings) and with
/// accesses checked in code (<see cref="Config.UseGuardPages"/> = false): both must trap the same way.
/// </summary>
public sealed class GuardPageTests
{
    private const string Accessor = """
        (module
          (memory (export "memory") 1 4)
          (func (export "load32") (param i32) (result i32) (i32.load (local.get 0)))
          (func (export "load32_max_offset") (param i32) (result i32) (i32.load offset=4294967295 (local.get 0)))
          (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
          (func (export "store64") (param i32) (i64.store (local.get 0) (i64.const -1)))
          (func (export "dropped_load64") (param i32) (drop (i64.load (local.get 0))))
          (func (export "wrapped_load64") (param i32) (result i32) (i32.wrap_i64 (i64.load (local.get 0))))
          (func (export "masked_load32") (param i32) (result i32) (i32.and (i32.load (local.get 0)) (i32.const 255)))
          (func (export "unused_load64") (param i32) (local i64) (local.set 1 (i64.load (local.get 0))))
          (func (export "load128") (param i32) (result i32) (i32x4.extract_lane 0 (v128.load (local.get 0))))
          (func (export "dropped_splat64") (param i32) (drop (v128.load64_splat (local.get 0))))
          (func (export "extended_lane0") (param i32) (result i32) (i32x4.extract_lane 0 (v128.load16x4_u (local.get 0))))
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
        """;

    public static TheoryData<bool> BothModes => new() { true, false };

    private static (Instance Instance, Store Store) Instantiate(bool guardPages)
    {
        var engine = new Engine(new Config { UseGuardPages = guardPages });
        Assert.Equal(guardPages, engine.Config.ElidesBoundsChecks);
        var store = new Store(engine);
        return (new Linker(engine).Instantiate(store, Module.FromText(engine, "accessor", Accessor)), store);
    }

    private static TrapCode TrapOf(Instance instance, string export, params object[] args) =>
        Assert.Throws<TrapException>(() => instance.GetFunction(export)!.Invoke(args)).Code;

    [Fact]
    public void The_test_host_leaves_accesses_to_guard_pages_as_the_server_does()
    {
        Assert.True(GuardPageTraps.Active, $"start test hosts with {GuardPageTraps.RuntimeVariable}=1 (tests/test.runsettings)");
        Assert.True(new Engine().Config.ElidesBoundsChecks);
    }

    [Theory]
    [MemberData(nameof(BothModes))]
    public void Accesses_past_the_end_trap_wherever_they_start(bool guardPages)
    {
        var (instance, store) = Instantiate(guardPages);
        using var _ = store;
        Assert.Equal(0x0, instance.GetFunction("load8")!.Invoke(Memory.PageSize - 1)[0]);
        Assert.Equal(TrapCode.MemoryOutOfBounds, TrapOf(instance, "load8", Memory.PageSize));
        Assert.Equal(TrapCode.MemoryOutOfBounds, TrapOf(instance, "load32", Memory.PageSize - 3));
        Assert.Equal(TrapCode.MemoryOutOfBounds, TrapOf(instance, "load32", -1));
        Assert.Equal(TrapCode.MemoryOutOfBounds, TrapOf(instance, "load32_max_offset", -1));
        Assert.Equal(TrapCode.MemoryOutOfBounds, TrapOf(instance, "load128", Memory.PageSize - 15));
        Assert.Equal(TrapCode.MemoryOutOfBounds, TrapOf(instance, "wrapped_load64", Memory.PageSize - 4));
        Assert.Equal(TrapCode.MemoryOutOfBounds, TrapOf(instance, "dropped_load64", Memory.PageSize - 4));
        Assert.Equal(TrapCode.MemoryOutOfBounds, TrapOf(instance, "dropped_splat64", Memory.PageSize - 4));
        Assert.Equal(TrapCode.MemoryOutOfBounds, TrapOf(instance, "extended_lane0", Memory.PageSize - 4));
    }

    [Fact]
    public void A_load_ending_past_the_memory_whose_high_bytes_go_unused_may_complete_but_sees_only_bytes_inside_it()
    {
        // The documented limit of guard pages (docs/SECURITY.md): RyuJIT narrows a load whose high bytes nothing uses,
        // so such an access may complete instead of trapping; what it reads is still only the memory's own bytes.
        var (instance, store) = Instantiate(guardPages: true);
        using var _ = store;
        instance.GetMemory("memory")!.GetSpan(Memory.PageSize - 3, 3).Fill(0xA5);
        foreach (var (export, result) in new[] { ("masked_load32", (object?)0xA5), ("unused_load64", null) })
        {
            try
            {
                var results = instance.GetFunction(export)!.Invoke(Memory.PageSize - 3);
                Assert.Equal(result, results.Length == 0 ? null : results[0]);
            }
            catch (TrapException e)
            {
                Assert.Equal(TrapCode.MemoryOutOfBounds, e.Code);
            }
        }
        Assert.Equal(TrapCode.MemoryOutOfBounds, TrapOf(instance, "masked_load32", Memory.PageSize));
    }

    [Theory]
    [MemberData(nameof(BothModes))]
    public void A_store_that_ends_past_the_memory_traps_and_writes_none_of_its_bytes(bool guardPages)
    {
        var (instance, store) = Instantiate(guardPages);
        using var _ = store;
        var memory = instance.GetMemory("memory")!;
        memory.GetSpan(Memory.PageSize - 4, 4).Fill(0x5A);

        Assert.Equal(TrapCode.MemoryOutOfBounds, TrapOf(instance, "store64", Memory.PageSize - 4));

        Assert.Equal(new byte[] { 0x5A, 0x5A, 0x5A, 0x5A }, memory.GetSpan(Memory.PageSize - 4, 4).ToArray());
    }

    [Theory]
    [MemberData(nameof(BothModes))]
    public void Growing_opens_pages_in_place_up_to_the_new_end_and_no_further(bool guardPages)
    {
        var (instance, store) = Instantiate(guardPages);
        using var _ = store;
        var memory = instance.GetMemory("memory")!;
        nint before = memory.Base;

        Assert.Equal(1, instance.GetFunction("grow")!.Invoke(2)[0]);

        Assert.Equal(before, memory.Base);
        instance.GetFunction("store64")!.Invoke(3 * Memory.PageSize - 8);
        Assert.Equal(-1, instance.GetFunction("load32")!.Invoke(3 * Memory.PageSize - 4)[0]);
        Assert.Equal(TrapCode.MemoryOutOfBounds, TrapOf(instance, "load8", 3 * Memory.PageSize));
        Assert.Equal(-1, instance.GetFunction("grow")!.Invoke(2)[0]);
        Assert.Equal(TrapCode.MemoryOutOfBounds, TrapOf(instance, "load8", 4 * Memory.PageSize));
    }

    [Fact]
    public void Memories_nobody_disposes_give_their_address_space_back()
    {
        // 8 GiB of address space each: 20,000 of them are more than x86-64's 128 TiB, so this passes only if the
        // regions of unreachable memories are unmapped (by their finalizers, run when a reservation fails).
        var engine = new Engine();
        var module = Module.FromText(engine, "accessor", Accessor);
        var linker = new Linker(engine);
        for (int i = 0; i < 20_000; i++)
        {
            var instance = linker.Instantiate(new Store(engine), module);
            Assert.Equal(0, instance.GetFunction("load8")!.Invoke(i)[0]);
        }
    }
}
