using Djinn.Engine.Binary;
using Djinn.Engine.Compilation;
using Djinn.Engine.Text;

namespace Djinn.Engine.Tests.Compilation;

/// <summary>Small directly recursive functions compiled as a pair that call each other (<see cref="RecursionTwins"/>).</summary>
public sealed class RecursionTwinsTests
{
    private const string Functions = """
        (module
          (import "host" "tick" (func $tick))
          ;; 1: fib, one parameter: twinned
          (func $fib (export "fib") (param $n i32) (result i32)
            (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
              (then (local.get $n))
              (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                             (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
          ;; 2: counts down, one parameter and one local: twinned
          (func $count (export "count") (param $n i32) (result i32) (local $k i32)
            (local.set $k (i32.sub (local.get $n) (i32.const 1)))
            (if (result i32) (i32.eqz (local.get $n))
              (then (i32.const 0))
              (else (i32.add (i32.const 1) (call $count (local.get $k))))))
          ;; 3: three parameters and locals: too many values to keep in registers through the inner call
          (func $three (param $a i32) (param $b i32) (local $c i32)
            (if (local.get $a) (then (call $three (local.get $b) (local.get $c)))))
          ;; 4: not recursive
          (func $plain (param $n i32) (result i32) (call $fib (local.get $n)))
          ;; 5: recursive but larger than the limit
          (func $big (param $n i32)
            (if (local.get $n) (then (call $big (i32.sub (local.get $n) (i32.const 1)))))
            BIG)
          ;; 6: recursion without end, for the limits
          (func $down (export "down") (param $n i32) (result i32)
            (i32.add (i32.const 1) (call $down (i32.add (local.get $n) (i32.const 1))))))
        """;

    private static string Text => Functions.Replace("BIG",
        string.Concat(Enumerable.Repeat("(drop (i32.const 0)) ", RecursionTwins.MaxInstructions)));

    private static Instance Instantiate(Config? config = null, Store? store = null)
    {
        var engine = store?.Engine ?? new Engine(config);
        var linker = new Linker(engine);
        linker.DefineFunction("host", "tick", () => { });
        return linker.Instantiate(store ?? new Store(engine), Module.FromText(engine, "twins", Text));
    }

    [Fact]
    public void Only_small_self_recursive_functions_with_at_most_two_parameters_and_locals_get_a_twin()
    {
        var module = ModuleDecoder.Decode(WatParser.ParseModule(Text));
        Assert.Equal(new[] { true, true, false, false, false, true }, RecursionTwins.Find(module));
    }

    [Fact]
    public void A_twinned_function_computes_the_same_results_at_every_depth()
    {
        var instance = Instantiate();
        int[] fib = { 0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55 };
        for (int n = 0; n < fib.Length; n++) Assert.Equal(fib[n], (int)instance.GetFunction("fib")!.Invoke(n)[0]!);
        Assert.Equal(832040, (int)instance.GetFunction("fib")!.Invoke(30)[0]!);
        // Odd and even depths end in different methods of the pair.
        for (int n = 0; n < 50; n++) Assert.Equal(n, (int)instance.GetFunction("count")!.Invoke(n)[0]!);
        Assert.Equal(20_001, (int)instance.GetFunction("count")!.Invoke(20_001)[0]!);
    }

    [Fact]
    public void Endless_recursion_through_a_twinned_function_still_traps_on_the_stack_limit()
    {
        var instance = Instantiate(new Config { MaxStackBytes = 256 * 1024 });
        var down = instance.GetFunction("down")!;
        Assert.Equal(TrapCode.CallStackExhausted, Assert.Throws<TrapException>(() => down.Invoke(0)).Code);
        // The instance is still usable after the trap.
        Assert.Equal(55, (int)instance.GetFunction("fib")!.Invoke(10)[0]!);
    }

    [Fact]
    public void A_twinned_function_is_charged_fuel_for_every_call_and_stops_when_it_runs_out()
    {
        var engine = new Engine(new Config { ConsumeFuel = true });
        long Used(int n)
        {
            using var store = new Store(engine) { Fuel = 1_000_000_000 };
            var instance = Instantiate(store: store);
            long before = store.FuelConsumed;
            instance.GetFunction("count")!.Invoke(n);
            return store.FuelConsumed - before;
        }
        // The same charge per level, whichever method of the pair runs it.
        long perLevel = Used(2) - Used(1);
        Assert.True(perLevel > 0);
        for (int n = 3; n < 12; n++) Assert.Equal(perLevel, Used(n) - Used(n - 1));

        using var fueled = new Store(engine) { Fuel = 100_000 };
        var fib = Instantiate(store: fueled).GetFunction("fib")!;
        Assert.Equal(TrapCode.OutOfFuel, Assert.Throws<TrapException>(() => fib.Invoke(40)).Code);
    }

    [Fact]
    public void A_long_recursion_through_a_twinned_function_is_interrupted_by_the_deadline()
    {
        using var store = new Store(new Engine());
        var fib = Instantiate(store: store).GetFunction("fib")!;
        store.SetDeadline(TimeSpan.FromMilliseconds(50));
        Assert.Equal(TrapCode.Timeout, Assert.Throws<TrapException>(() => fib.Invoke(60)).Code);
    }
}
