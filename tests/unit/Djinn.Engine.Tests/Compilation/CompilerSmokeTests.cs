using Djinn.Engine.Model;
using static Djinn.Engine.Tests.Compilation.ModuleBuilder;
using K = Djinn.Engine.ValueKind;

namespace Djinn.Engine.Tests.Compilation;

public sealed class CompilerSmokeTests
{
    private static Instance Instantiate(ModuleBuilder builder, Config? config = null)
    {
        var engine = new Engine(config);
        var module = Module.FromDefinition(engine, "test", builder.Build());
        return new Linker(engine).Instantiate(new Store(engine), module);
    }

    [Fact]
    public void Recursive_factorial_computes_through_direct_calls()
    {
        var b = new ModuleBuilder();
        b.Function([K.I64], [K.I64], "fac", [],
            I(Opcode.LocalGet, 0), I(Opcode.I64Eqz),
            I(Opcode.If, (uint)K.I64, (uint)BlockTypeKind.Single),
            I(Opcode.I64Const, c: 1),
            I(Opcode.Else),
            I(Opcode.LocalGet, 0), I(Opcode.LocalGet, 0), I(Opcode.I64Const, c: 1), I(Opcode.I64Sub), I(Opcode.Call, 0), I(Opcode.I64Mul),
            I(Opcode.End));
        var fac = Instantiate(b).GetFunction("fac")!;
        Assert.Equal(3628800L, fac.Invoke(10L)[0]);
    }

    [Fact]
    public void Loop_with_branch_sums_numbers_and_memory_round_trips()
    {
        var b = new ModuleBuilder().Memory(1);
        // sum = 0; i = n; loop { sum += i; store(0, sum); i--; br_if i != 0 } return load(0)
        b.Function([K.I32], [K.I32], "sum", [K.I32],
            I(Opcode.Block, b: (uint)BlockTypeKind.Empty),
            I(Opcode.Loop, b: (uint)BlockTypeKind.Empty),
            I(Opcode.LocalGet, 1), I(Opcode.LocalGet, 0), I(Opcode.I32Add), I(Opcode.LocalSet, 1),
            I(Opcode.I32Const, 0), I(Opcode.LocalGet, 1), I(Opcode.I32Store, 2, 8),
            I(Opcode.LocalGet, 0), I(Opcode.I32Const, 1), I(Opcode.I32Sub), I(Opcode.LocalTee, 0),
            I(Opcode.BrIf, 0),
            I(Opcode.End), I(Opcode.End),
            I(Opcode.I32Const, 0), I(Opcode.I32Load, 2, 8));
        Assert.Equal(5050, Instantiate(b).GetFunction("sum")!.Invoke(100)[0]);
    }

    [Fact]
    public void Call_indirect_checks_the_signature_and_traps_on_null()
    {
        var b = new ModuleBuilder().Table(3);
        b.Function([K.I32], [K.I32], null, [], I(Opcode.LocalGet, 0), I(Opcode.I32Const, 2), I(Opcode.I32Mul));
        b.Function([], [], null, []);
        int sig = b.Type([K.I32], [K.I32]);
        b.Function([K.I32, K.I32], [K.I32], "dispatch", [],
            I(Opcode.LocalGet, 1), I(Opcode.LocalGet, 0), I(Opcode.CallIndirect, (uint)sig, 0));
        b.Elements(0, 0, 1);
        var dispatch = Instantiate(b).GetFunction("dispatch")!;
        Assert.Equal(42, dispatch.Invoke(0, 21)[0]);
        Assert.Equal(TrapCode.BadSignature, Assert.Throws<TrapException>(() => dispatch.Invoke(1, 1)).Code);
        Assert.Equal(TrapCode.IndirectCallToNull, Assert.Throws<TrapException>(() => dispatch.Invoke(2, 1)).Code);
        Assert.Equal(TrapCode.TableOutOfBounds, Assert.Throws<TrapException>(() => dispatch.Invoke(3, 1)).Code);
    }

    [Fact]
    public void Multi_value_results_and_br_table_work()
    {
        var b = new ModuleBuilder();
        b.Function([K.I32], [K.I32, K.I64], "pick", [],
            I(Opcode.Block, b: (uint)BlockTypeKind.Empty),
            I(Opcode.Block, b: (uint)BlockTypeKind.Empty),
            I(Opcode.LocalGet, 0), I(Opcode.BrTable, 1, labels: [0]),
            I(Opcode.End),
            I(Opcode.I32Const, 10), I(Opcode.I64Const, c: 20), I(Opcode.Return),
            I(Opcode.End),
            I(Opcode.I32Const, 30), I(Opcode.I64Const, c: 40));
        var pick = Instantiate(b).GetFunction("pick")!;
        Assert.Equal(new object?[] { 10, 20L }, pick.Invoke(0));
        Assert.Equal(new object?[] { 30, 40L }, pick.Invoke(5));
    }

    [Fact]
    public void Infinite_recursion_traps_with_call_stack_exhausted()
    {
        var b = new ModuleBuilder();
        b.Function([], [], "loop", [], I(Opcode.Call, 0));
        var f = Instantiate(b).GetFunction("loop")!;
        Assert.Equal(TrapCode.CallStackExhausted, Assert.Throws<TrapException>(() => f.Invoke()).Code);
    }

    [Fact]
    public void Fuel_runs_out_in_an_infinite_loop()
    {
        var b = new ModuleBuilder();
        b.Function([], [], "spin", [], I(Opcode.Loop, b: (uint)BlockTypeKind.Empty), I(Opcode.Br, 0), I(Opcode.End));
        var engine = new Engine(new Config { ConsumeFuel = true });
        var store = new Store(engine) { Fuel = 10_000 };
        var instance = new Linker(engine).Instantiate(store, Module.FromDefinition(engine, "spin", b.Build()));
        Assert.Equal(TrapCode.OutOfFuel, Assert.Throws<TrapException>(() => instance.GetFunction("spin")!.Invoke()).Code);
        Assert.Equal(0, store.Fuel);
    }
}
