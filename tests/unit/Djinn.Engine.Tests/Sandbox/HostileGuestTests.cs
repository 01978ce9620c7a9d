using System.Diagnostics;
using Djinn.Engine.Tests.Support;

namespace Djinn.Engine.Tests.Sandbox;

/// <summary>
/// Hostile guests from <c>Sandbox/Fixtures</c>: each must end with the right trap or result, and the host must stay
/// alive and bounded. (Filesystem escape attempts are covered by the WASI filesystem tests.)
/// </summary>
public sealed class HostileGuestTests
{
    private static Module Load(Engine engine, string fixture) =>
        Module.FromFile(engine, TestPaths.TestSource(Path.Combine("Sandbox", "Fixtures", fixture)));

    private static Instance Instantiate(Engine engine, Store store, string fixture, Action<Linker>? define = null)
    {
        var linker = new Linker(engine);
        define?.Invoke(linker);
        return linker.Instantiate(store, Load(engine, fixture));
    }

    private static TrapCode TrapOf(Action action) => Assert.Throws<TrapException>(action).Code;

    [Theory]
    [InlineData("spin.wat")]
    [InlineData("spin_calls.wat")]
    [InlineData("spin_recursion.wat")]
    public void An_endless_loop_stops_at_its_deadline_with_a_timeout_trap(string fixture)
    {
        var engine = new Engine();
        var store = new Store(engine);
        var spin = Instantiate(engine, store, fixture).GetFunction("spin")!;
        var clock = Stopwatch.StartNew(); // before the deadline is set, as in the poll_oneoff test below
        store.SetDeadline(TimeSpan.FromMilliseconds(100));

        Assert.Equal(TrapCode.Timeout, TrapOf(() => spin.Invoke()));

        // Sanity bound only (the ~50 ms promptness is measured in bench/, not asserted on a noisy machine).
        Assert.InRange(clock.ElapsedMilliseconds, 90, 5_000);
        store.CancelDeadline();
    }

    [Fact]
    public void A_guest_sleeping_in_poll_oneoff_is_woken_by_its_deadline_and_traps_with_timeout()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var sleep = Instantiate(engine, store, "sleep.wat", l => l.DefineWasi()).GetFunction("sleep")!;
        // Started before the deadline is set: the deadline is never early, but the test thread may be preempted
        // between the two calls on a loaded machine (a clock started after it once read 188 ms).
        var clock = Stopwatch.StartNew();
        store.SetDeadline(TimeSpan.FromMilliseconds(200));

        Assert.Equal(TrapCode.Timeout, TrapOf(() => sleep.Invoke()));

        // The guest asked for 10 s; it must not sleep through its deadline.
        Assert.InRange(clock.ElapsedMilliseconds, 190, 5_000);
        store.Dispose();
    }

    [Theory]
    [InlineData("spin.wat")]
    [InlineData("spin_calls.wat")]
    [InlineData("spin_recursion.wat")]
    public void An_endless_loop_runs_out_of_fuel_and_reports_what_it_used(string fixture)
    {
        var engine = new Engine(new Config { ConsumeFuel = true });
        var store = new Store(engine) { Fuel = 1_000_000 };
        var spin = Instantiate(engine, store, fixture).GetFunction("spin")!;

        Assert.Equal(TrapCode.OutOfFuel, TrapOf(() => spin.Invoke()));

        Assert.Equal(0, store.Fuel);
        Assert.Equal(1_000_000, store.FuelConsumed);
    }

    [Theory]
    [InlineData("spin.wat")]
    [InlineData("spin_recursion.wat")] // the interrupt lifted the stack floor; cancelling must put it back
    public void A_store_runs_again_after_its_deadline_is_cancelled(string fixture)
    {
        var engine = new Engine(new Config { ConsumeFuel = true });
        var store = new Store(engine);
        var spin = Instantiate(engine, store, fixture).GetFunction("spin")!;
        store.Interrupt();
        Assert.Equal(TrapCode.Timeout, TrapOf(() => spin.Invoke()));
        store.CancelDeadline();
        store.Fuel = 10_000;
        Assert.Equal(TrapCode.OutOfFuel, TrapOf(() => spin.Invoke()));
    }

    [Theory]
    [InlineData("down")]
    [InlineData("fat")]
    public void Unbounded_recursion_traps_with_call_stack_exhausted(string export)
    {
        var engine = new Engine();
        var store = new Store(engine);
        var instance = Instantiate(engine, store, "recurse.wat", l => l.DefineFunction("host", "reenter", (int _) => { }));

        Assert.Equal(TrapCode.CallStackExhausted, TrapOf(() => instance.GetFunction(export)!.Invoke(0)));
        // The store is usable afterwards: the stack accounting was restored.
        Assert.Equal(TrapCode.CallStackExhausted, TrapOf(() => instance.GetFunction(export)!.Invoke(0)));
    }

    [Fact]
    public void Recursion_through_a_host_function_traps_instead_of_overflowing_the_dotnet_stack()
    {
        var engine = new Engine();
        var store = new Store(engine);
        Function? through = null;
        var instance = Instantiate(engine, store, "recurse.wat",
            l => l.DefineFunction("host", "reenter", (int depth) => { through!.Invoke(depth + 1); }));
        through = instance.GetFunction("through_host")!;

        Assert.Equal(TrapCode.CallStackExhausted, TrapOf(() => through.Invoke(0)));
    }

    [Fact]
    public void A_memory_bomb_gets_minus_one_at_the_store_limit_and_the_host_allocates_no_more()
    {
        var engine = new Engine();
        var store = new Store(engine) { MemoryLimitBytes = 64 * Memory.PageSize };
        var instance = Instantiate(engine, store, "memory_bomb.wat");

        Assert.Equal(-1, instance.GetFunction("ask_4gib")!.Invoke()[0]);
        Assert.Equal(64, instance.GetFunction("bomb")!.Invoke()[0]);
        Assert.Equal(64L * Memory.PageSize, store.MemoryBytesUsed);
        Assert.Equal(64L * Memory.PageSize, instance.GetMemory("memory")!.Length);
    }

    [Fact]
    public void A_module_whose_initial_memory_exceeds_the_limit_fails_to_instantiate_with_a_clear_error()
    {
        var engine = new Engine();
        var store = new Store(engine) { MemoryLimitBytes = 16 * 1024 * 1024 };

        var error = Assert.Throws<ResourceLimitException>(() => Instantiate(engine, store, "big_initial_memory.wat"));

        Assert.Contains("16384 pages", error.Message);
        Assert.Contains("16777216 bytes", error.Message);
        Assert.Equal(0, store.MemoryBytesUsed);
    }

    [Theory]
    [InlineData("load_past_end", TrapCode.MemoryOutOfBounds)]
    [InlineData("store_far", TrapCode.MemoryOutOfBounds)]
    [InlineData("offset_overflow", TrapCode.MemoryOutOfBounds)]
    [InlineData("fill_past_end", TrapCode.MemoryOutOfBounds)]
    [InlineData("table_past_end", TrapCode.TableOutOfBounds)]
    [InlineData("null_entry", TrapCode.IndirectCallToNull)]
    [InlineData("wrong_type", TrapCode.BadSignature)]
    [InlineData("trap", TrapCode.Unreachable)]
    public void Out_of_bounds_access_and_unreachable_trap_with_their_code(string export, TrapCode expected)
    {
        var engine = new Engine();
        var instance = Instantiate(engine, new Store(engine), "out_of_bounds.wat");

        Assert.Equal(expected, TrapOf(() => instance.GetFunction(export)!.Invoke()));
    }

    [Fact]
    public void A_guest_sees_no_host_environment_variable_by_default()
    {
        Assert.NotEmpty(Environment.GetEnvironmentVariables());
        var engine = new Engine();
        var store = new Store(engine);
        var instance = Instantiate(engine, store, "environ.wat", l => l.DefineWasi());

        Assert.Equal(0, instance.GetFunction("count")!.Invoke()[0]);
        Assert.Equal(0, instance.GetFunction("bytes")!.Invoke()[0]);
    }

    [Fact]
    public void Hostile_runs_repeated_many_times_leave_the_host_memory_bounded()
    {
        var engine = new Engine(new Config { ConsumeFuel = true });
        var bomb = Load(engine, "memory_bomb.wat");
        var spin = Load(engine, "spin_calls.wat");
        var linker = new Linker(engine);
        RunBoth();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int i = 0; i < 20; i++) RunBoth();
        long after = GC.GetTotalMemory(forceFullCollection: true);

        Assert.True(after - before < 32L * 1024 * 1024, $"managed heap grew by {(after - before) / 1024} KiB over 20 hostile runs");

        void RunBoth()
        {
            var store = new Store(engine) { MemoryLimitBytes = 32 * Memory.PageSize, Fuel = 200_000 };
            linker.Instantiate(store, bomb).GetFunction("bomb")!.Invoke();
            Assert.Equal(TrapCode.OutOfFuel, TrapOf(() => linker.Instantiate(store, spin).GetFunction("spin")!.Invoke()));
        }
    }
}
