using Djinn.Engine.Binary;
using Djinn.Engine.Compilation;
using Djinn.Engine.Model;
using Djinn.Engine.Text;

namespace Djinn.Engine.Tests.Compilation;

/// <summary>
/// Unrolled loops (<see cref="LoopUnrolling"/>): which loops are chosen, and that every way into the next iteration
/// or out of the loop lands where it would without unrolling, whichever copy it leaves from, with fuel counted
/// exactly and interrupts still stopping the loop.
/// </summary>
public sealed class LoopUnrollingTests
{
    private const string Loops = """
        (module
          ;; sum of 1..n with the test at the bottom (exits from whichever copy the count ends in)
          (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $s i32)
            (block $done
              (br_if $done (i32.eqz (local.get $n)))
              (loop $next
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (local.set $s (i32.add (local.get $s) (local.get $i)))
                (br_if $next (i32.lt_u (local.get $i) (local.get $n)))))
            (local.get $s))
          ;; a loop carrying a value as its parameter and result
          (func (export "carry") (param $n i32) (result i32) (local $i i32)
            (i32.const 0)
            (loop $next (param i32) (result i32)
              (i32.mul (i32.const 3))
              (local.tee $i (i32.add (local.get $i) (i32.const 1)))
              (i32.add)
              (br_if $next (i32.lt_u (local.get $i) (local.get $n)))))
          ;; leaving with a value from the top of the body; every copy ends unreachable (br to the loop)
          (func (export "leave") (param $n i32) (result i32) (local $i i32)
            (block $out (result i32)
              (loop $next
                (br_if $out (i32.mul (local.get $i) (i32.const 7)) (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next))
              (i32.const -1)))
          ;; continue and leave through br_table, with a nested block and unreachable code after a branch
          (func (export "table") (param $n i32) (result i32) (local $i i32) (local $odd i32)
            (block $out
              (loop $next
                (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (block $even
                  (br_table $even $next $out (i32.and (local.get $i) (i32.const 1)))
                  (unreachable))
                (local.set $odd (i32.add (local.get $odd) (i32.const 100)))
                (br $next)
                (local.set $odd (i32.const -1))))
            (i32.add (local.get $odd) (local.get $i)))
          ;; never ends: fuel or an interrupt must stop it
          (func (export "spin") (loop $l (br $l)))
          ;; not unrolled: holds a call, or holds another loop
          (func $leaf (result i32) (i32.const 1))
          (func (export "calls") (param $n i32) (result i32) (local $s i32)
            (loop $l
              (local.set $s (i32.add (local.get $s) (call $leaf)))
              (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $s))
          (func (export "nest") (param $n i32) (result i32) (local $i i32) (local $s i32)
            (loop $outer
              (local.set $i (local.get $n))
              (loop $inner
                (local.set $s (i32.add (local.get $s) (local.get $i)))
                (br_if $inner (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
              (br_if $outer (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
            (local.get $s)))
        """;

    private static Instance Instantiate(Config? config = null, Store? store = null)
    {
        var engine = store?.Engine ?? new Engine(config);
        return new Linker(engine).Instantiate(store ?? new Store(engine), Module.FromText(engine, "loops", Loops));
    }

    private static int Call(Instance instance, string name, int n) => (int)instance.GetFunction(name)!.Invoke(n)[0]!;

    [Fact]
    public void Small_innermost_loops_without_calls_are_unrolled_and_others_are_not()
    {
        var module = ModuleDecoder.Decode(WatParser.ParseModule(Loops));
        int Unrolled(int function) => LoopUnrolling.Choose(module.Bodies[function].Code).Count;
        Assert.Equal(1, Unrolled(0)); // sum
        Assert.Equal(1, Unrolled(1)); // carry
        Assert.Equal(1, Unrolled(2)); // leave
        Assert.Equal(1, Unrolled(3)); // table
        Assert.Equal(1, Unrolled(4)); // spin
        Assert.Equal(0, Unrolled(6)); // calls
        var nestCode = module.Bodies[7].Code;
        var nest = LoopUnrolling.Choose(nestCode);
        Assert.Single(nest); // the inner loop only
        int inner = nest.Keys.Single();
        Assert.Equal(Opcode.Loop, nestCode[inner].Opcode);
        Assert.Equal(Opcode.Loop, nestCode[0].Opcode); // the outer one is not in the plan
        Assert.Equal(Opcode.End, nestCode[nest[inner].End].Opcode);
        Assert.All(nest.Values, plan => Assert.InRange(plan.Copies, 2, LoopUnrolling.MaxCopies));
    }

    [Fact]
    public void A_loop_ends_correctly_whichever_copy_its_last_iteration_runs_in()
    {
        var instance = Instantiate();
        for (int n = 0; n <= 13; n++)
        {
            Assert.Equal(n * (n + 1) / 2, Call(instance, "sum", n));
            int acc = 0, i = 0;
            do
            {
                i++;
                acc = acc * 3 + i;
            } while (i < n);
            Assert.Equal(acc, Call(instance, "carry", n));
            Assert.Equal(7 * n, Call(instance, "leave", n));
            Assert.Equal(100 * (n / 2) + n, Call(instance, "table", n));
            Assert.Equal(Math.Max(1, n), Call(instance, "calls", Math.Max(1, n)));
            Assert.Equal(Enumerable.Range(1, n).Sum(k => k * (k + 1) / 2), n == 0 ? 0 : Call(instance, "nest", n));
        }
    }

    [Fact]
    public void Fuel_is_charged_for_every_iteration_of_an_unrolled_loop()
    {
        var engine = new Engine(new Config { ConsumeFuel = true });
        var used = new long[10];
        for (int n = 1; n < used.Length; n++)
        {
            using var store = new Store(engine) { Fuel = 1_000_000 };
            var instance = Instantiate(store: store);
            long before = store.FuelConsumed;
            Call(instance, "sum", n);
            used[n] = store.FuelConsumed - before;
        }
        // The same charge per iteration, whichever copy runs it.
        long perIteration = used[2] - used[1];
        Assert.True(perIteration > 0);
        for (int n = 2; n < used.Length; n++) Assert.Equal(perIteration, used[n] - used[n - 1]);
    }

    [Fact]
    public void An_unrolled_loop_that_never_ends_runs_out_of_fuel_or_is_interrupted()
    {
        var engine = new Engine(new Config { ConsumeFuel = true });
        using var fueled = new Store(engine) { Fuel = 10_001 };
        var spin = Instantiate(store: fueled).GetFunction("spin")!;
        Assert.Equal(TrapCode.OutOfFuel, Assert.Throws<TrapException>(() => spin.Invoke()).Code);
        Assert.Equal(0, fueled.Fuel);

        using var timed = new Store(new Engine());
        timed.SetDeadline(TimeSpan.FromMilliseconds(50));
        var spinning = Instantiate(store: timed).GetFunction("spin")!;
        Assert.Equal(TrapCode.Timeout, Assert.Throws<TrapException>(() => spinning.Invoke()).Code);
    }
}
