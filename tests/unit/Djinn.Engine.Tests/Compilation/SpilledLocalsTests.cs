using System.Text;
using Djinn.Engine.Compilation;

namespace Djinn.Engine.Tests.Compilation;

/// <summary>
/// Locals kept in memory (<see cref="SpilledLocals"/>): which ones are chosen, and that a function computes
/// the same with them there (zero-initialized, parameters copied in, every type of access).
/// </summary>
public sealed class SpilledLocalsTests
{
    private const int Accumulators = 12;
    private const int FloatAccumulators = 15;

    /// <summary>
    /// A two-level loop nest: the outer loop updates <see cref="Accumulators"/> i64 and <see cref="FloatAccumulators"/>
    /// f64 locals (more than the register budgets), an i64 parameter and a local read before it is ever written; the
    /// inner loop uses four locals of its own. Locals: 0 $n, 1 $seed, 2 $i, 3 $j, 4 $sum, 5 $x, 6 $unset, then the
    /// accumulators $a0.., then $f0...
    /// </summary>
    private static string NestText(string tail = "")
    {
        var w = new StringBuilder();
        w.AppendLine("(module (func (export \"nest\") (param $n i32) (param $seed i64) (result i64)");
        w.AppendLine("  (local $i i32) (local $j i32) (local $sum i64) (local $x i64) (local $unset i64)");
        for (int k = 0; k < Accumulators; k++) w.Append($" (local $a{k} i64)");
        for (int k = 0; k < FloatAccumulators; k++) w.Append($" (local $f{k} f64)");
        w.AppendLine();
        w.AppendLine("  (loop $outer");
        for (int k = 0; k < Accumulators; k++)
            w.AppendLine($"    (local.set $a{k} (i64.add (i64.mul (local.get $a{k}) (i64.const 3)) (i64.extend_i32_u (i32.add (local.get $i) (i32.const {k})))))");
        for (int k = 0; k < FloatAccumulators; k++)
            w.AppendLine($"    (local.set $f{k} (f64.add (f64.mul (local.get $f{k}) (f64.const 0.5)) (f64.const {k})))");
        w.AppendLine("    (local.set $a0 (i64.add (local.get $a0) (local.get $seed)))");
        w.AppendLine("    (local.set $unset (i64.add (local.get $unset) (i64.const 1)))");
        w.AppendLine("    (local.set $j (i32.const 0))");
        w.AppendLine("    (loop $inner");
        w.AppendLine("      (local.set $x (i64.extend_i32_u (local.get $j)))");
        w.AppendLine("      (local.set $sum (i64.add (local.get $sum) (i64.mul (local.get $x) (i64.extend_i32_u (local.get $i)))))");
        w.AppendLine("      (br_if $inner (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 1))) (local.get $i))))");
        w.AppendLine("    (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))");
        w.AppendLine(tail);
        w.Append("  (i64.add (local.get $sum) (i64.mul (local.get $unset) (i64.const 7)))");
        for (int k = 0; k < Accumulators; k++)
            w.Append($" (i64.mul (local.get $a{k}) (i64.const {k + 1})) (i64.add)");
        for (int k = 0; k < FloatAccumulators; k++)
            w.Append($" (i64.trunc_sat_f64_s (f64.mul (local.get $f{k}) (f64.const 1000))) (i64.add)");
        w.AppendLine("))");
        return w.ToString();
    }

    /// <summary>What <see cref="NestText"/> computes, in C#.</summary>
    private static long NestExpected(int n, long seed)
    {
        long sum = 0, unset = 0;
        var a = new long[Accumulators];
        var f = new double[FloatAccumulators];
        uint i = 0;
        do
        {
            for (int k = 0; k < Accumulators; k++) a[k] = a[k] * 3 + (long)(uint)(i + k);
            for (int k = 0; k < FloatAccumulators; k++) f[k] = f[k] * 0.5 + k;
            a[0] += seed;
            unset++;
            uint j = 0;
            do
            {
                sum += (long)j * i;
                j++;
            } while (j < i);
            i++;
        } while (i < (uint)n);
        long result = sum + unset * 7;
        for (int k = 0; k < Accumulators; k++) result += a[k] * (k + 1);
        for (int k = 0; k < FloatAccumulators; k++) result += (long)(f[k] * 1000);
        return result;
    }

    private static bool[]? ChooseFor(string text)
    {
        var f = DecodedFunction.Parse(text);
        return SpilledLocals.Choose(f.Code, f.LocalTypes, f.ParamCount);
    }

    [Fact]
    public void Locals_an_inner_loop_uses_stay_in_registers_and_the_outer_loops_overflow_is_spilled()
    {
        var spilled = ChooseFor(NestText());
        Assert.NotNull(spilled);
        Assert.False(spilled[2] || spilled[3] || spilled[4] || spilled[5], "the inner loop's $i, $j, $sum and $x stay IL locals");
        // Integer locals used across the inner loop: $n, $seed, $unset and the accumulators; the inner loop takes
        // four of the budget's registers, the rest go to the most used of those.
        int acrossIntegers = 3 + Accumulators;
        int integerRoom = SpilledLocals.IntegerRegisterBudget - 4;
        int spilledIntegers = new[] { 0, 1, 6 }.Concat(Enumerable.Range(7, Accumulators)).Count(i => spilled[i]);
        Assert.Equal(acrossIntegers - integerRoom, spilledIntegers);
        int spilledFloats = Enumerable.Range(7 + Accumulators, FloatAccumulators).Count(i => spilled[i]);
        Assert.Equal(FloatAccumulators - SpilledLocals.FloatRegisterBudget, spilledFloats);
    }

    [Fact]
    public void A_local_that_a_separate_top_level_loop_uses_is_not_spilled()
    {
        // $seed (local 1) is the least used of the outer loop's locals, so the nest alone spills it ...
        Assert.True(ChooseFor(NestText())![1]);
        // ... but not when another loop, outside the nest, uses it.
        var spilled = ChooseFor(NestText("  (loop $tail (br_if $tail (i64.gt_s (local.get $seed) (i64.const 1000000000000))))"));
        Assert.NotNull(spilled);
        Assert.False(spilled[1]);
    }

    [Fact]
    public void A_single_loop_or_a_small_nest_spills_nothing()
    {
        Assert.Null(ChooseFor("""
            (module (func (param $n i32) (result i32) (local $a i32) (local $b i32) (local $c i32)
              (loop $l
                (local.set $a (i32.add (local.get $a) (local.get $n)))
                (local.set $b (i32.xor (local.get $b) (local.get $a)))
                (local.set $c (i32.add (local.get $c) (local.get $b)))
                (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
              (local.get $c)))
            """));
        Assert.Null(ChooseFor("""
            (module (func (param $n i32) (result i32) (local $i i32) (local $s i32)
              (loop $outer
                (loop $inner
                  (local.set $s (i32.add (local.get $s) (local.get $i)))
                  (br_if $inner (i32.lt_u (local.get $s) (i32.const 100))))
                (br_if $outer (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
              (local.get $s)))
            """));
    }

    [Theory]
    [InlineData(1, 0L)]
    [InlineData(7, 5L)]
    [InlineData(300, -123456789L)]
    public void A_function_with_spilled_locals_computes_what_it_would_with_all_in_registers(int n, long seed)
    {
        Assert.NotNull(ChooseFor(NestText()));
        var engine = new Engine();
        using var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, "nest", NestText()));
        var nest = instance.GetFunction("nest")!;
        Assert.Equal(NestExpected(n, seed), nest.Invoke(n, seed)[0]);
        // Called again, the buffer starts from zero again (it is the frame's, not the instance's).
        Assert.Equal(NestExpected(n, seed), nest.Invoke(n, seed)[0]);
    }

    /// <summary>
    /// A loop that uses as many i32 locals as the register budget (<c>$i</c> and <c>$a0</c>..), with values that stay
    /// live across it unused: the parameters <c>$p</c> and <c>$q</c> (both read after it), <c>$before</c> (written
    /// before it, read after it). <c>$after</c> is first written after the loop, so nothing of it is live across.
    /// Locals: 0 $p, 1 $q, 2 $before, 3 $after, 4 $i, then $a0...
    /// </summary>
    private static string AcrossText()
    {
        int accumulators = SpilledLocals.IntegerRegisterBudget - 1;
        var w = new StringBuilder();
        w.AppendLine("(module (func (export \"across\") (param $p i32) (param $q i32) (result i32)");
        w.Append("  (local $before i32) (local $after i32) (local $i i32)");
        for (int k = 0; k < accumulators; k++) w.Append($" (local $a{k} i32)");
        w.AppendLine();
        w.AppendLine("  (local.set $before (i32.mul (local.get $p) (i32.const 3)))");
        w.AppendLine("  (loop $l");
        for (int k = 0; k < accumulators; k++)
            w.AppendLine($"    (local.set $a{k} (i32.add (i32.mul (local.get $a{k}) (i32.const 5)) (i32.add (local.get $i) (i32.const {k}))))");
        w.AppendLine("    (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1000))))");
        w.AppendLine("  (local.set $after (i32.add (local.get $q) (local.get $p)))");
        w.Append("  (i32.add (local.get $before) (local.get $after))");
        for (int k = 0; k < accumulators; k++) w.Append($" (local.get $a{k}) (i32.add)");
        w.AppendLine("))");
        return w.ToString();
    }

    private static int AcrossExpected(int p, int q)
    {
        int accumulators = SpilledLocals.IntegerRegisterBudget - 1;
        var a = new int[accumulators];
        uint i = 0;
        do
        {
            for (int k = 0; k < accumulators; k++) a[k] = unchecked(a[k] * 5 + (int)(i + (uint)k));
            i++;
        } while (i < 1000);
        int result = unchecked(p * 3 + q + p);
        foreach (var v in a) result = unchecked(result + v);
        return result;
    }

    [Fact]
    public void Values_live_across_a_full_loop_without_being_used_in_it_are_spilled()
    {
        var spilled = ChooseFor(AcrossText());
        Assert.NotNull(spilled);
        Assert.True(spilled[0] && spilled[1], "the parameters, read only after the loop, are spilled");
        Assert.True(spilled[2], "$before, written before the loop and read after it, is spilled");
        Assert.False(spilled[3], "$after is not live across the loop");
        Assert.DoesNotContain(true, spilled.Skip(4));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(7, -3)]
    [InlineData(int.MaxValue, int.MinValue)]
    public void A_function_whose_parameters_are_spilled_computes_what_it_would_with_all_in_registers(int p, int q)
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, "across", AcrossText()));
        Assert.Equal(AcrossExpected(p, q), instance.GetFunction("across")!.Invoke(p, q)[0]);
    }
}
