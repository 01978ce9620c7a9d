using Djinn.Engine.Compilation;

namespace Djinn.Engine.Tests.Compilation;

/// <summary>
/// Address locals (<see cref="AddressLocals"/>): i32 locals that only address memory are held zero-extended in 64-bit
/// IL locals. Which ones are chosen, and that 32-bit wrap-around and out-of-bounds traps stay as the spec says.
/// </summary>
public sealed class AddressLocalsTests
{
    /// <summary>
    /// Sums <c>$n</c> i32 values from <c>$start</c> on and writes each one back doubled. <c>$p</c> (local 2) only
    /// addresses memory and steps by 4; <c>$i</c> (local 3) is also compared; <c>$start</c> is a parameter.
    /// </summary>
    private const string Walk = """
        (module
          (memory (export "memory") 1)
          (func (export "walk") (param $start i32) (param $n i32) (result i32) (local $p i32) (local $i i32) (local $sum i32)
            (local.set $p (local.get $start))
            (block $done
              (loop $next
                (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $p))))
                (i32.store (local.get $p) (i32.mul (i32.load (local.get $p)) (i32.const 2)))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $next)))
            (local.get $sum))
          (func (export "wrap") (param $start i32) (result i32) (local $p i32)
            (local.set $p (local.get $start))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (i32.load (local.get $p)))
          (func (export "far") (param $start i32) (result i32) (local $p i32)
            (local.set $p (local.get $start))
            (i32.load offset=8 (local.get $p))))
        """;

    private static AddressLocals.Choice? ChooseFor(string text, int function = 0)
    {
        var f = DecodedFunction.Parse(text, function);
        return AddressLocals.Choose(f.Code, f.ParamCount, f.LocalTypes);
    }

    [Fact]
    public void Only_declared_i32_locals_used_solely_as_addresses_and_pointer_steps_are_chosen()
    {
        var choice = ChooseFor(Walk);

        Assert.NotNull(choice);
        Assert.True(choice.Wide[2], "$p only addresses memory and steps by 4");
        Assert.False(choice.Wide[0], "$start is a parameter");
        Assert.False(choice.Wide[3], "$i is compared");
        Assert.False(choice.Wide[4], "$sum is never an address");
    }

    [Fact]
    public void A_local_is_not_chosen_when_any_read_of_it_is_not_an_address()
    {
        var choice = ChooseFor("""
            (module (memory 1)
              (func (param $a i32) (result i32) (local $p i32)
                (local.set $p (local.get $a))
                (drop (i32.load (local.get $p)))
                (i32.shl (local.get $p) (i32.const 2))))
            """);

        Assert.Null(choice);
    }

    [Fact]
    public void A_function_with_address_locals_reads_and_writes_the_same_memory()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, "walk", Walk));
        var memory = instance.GetMemory("memory")!;
        for (int k = 0; k < 10; k++) memory.WriteInt32(100 + 4 * k, k + 1);

        Assert.Equal(55, instance.GetFunction("walk")!.Invoke(100, 10)[0]);
        for (int k = 0; k < 10; k++) Assert.Equal(2 * (k + 1), memory.ReadInt32(100 + 4 * k));
    }

    [Fact]
    public void Pointer_arithmetic_on_an_address_local_wraps_at_32_bits()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, "wrap", Walk));
        instance.GetMemory("memory")!.WriteInt32(8, 12345);

        Assert.True(ChooseFor(Walk, function: 1)!.Wide[1]);
        // 0xFFFFFFF8 + 16 is 8 in i32; held as 0x1_0000_0008 it would be past the memory and trap.
        Assert.Equal(12345, instance.GetFunction("wrap")!.Invoke(unchecked((int)0xFFFFFFF8))[0]);
    }

    [Fact]
    public void An_address_local_holding_an_address_near_4_GiB_traps_as_out_of_bounds()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var instance = new Linker(engine).Instantiate(store, Module.FromText(engine, "far", Walk));

        // 0xFFFFFFF0 + 8 is an address near 4 GiB: past the end of a memory under 2 GiB.
        var trap = Assert.Throws<TrapException>(() => instance.GetFunction("far")!.Invoke(unchecked((int)0xFFFFFFF0)));
        Assert.Equal(TrapCode.MemoryOutOfBounds, trap.Code);
        Assert.True(ChooseFor(Walk, function: 2)!.Wide[1]);
    }
}
