using Djinn.Engine.Binary;
using Djinn.Engine.Compilation;
using Djinn.Engine.Model;
using Djinn.Engine.Text;

namespace Djinn.Engine.Tests.Compilation;

/// <summary>Loops that rely on their call's entry check for interrupts (<see cref="CallingLoops"/>).</summary>
public sealed class CallingLoopsTests
{
    private const string Loops = """
        (module
          (import "host" "tick" (func $tick))
          ;; 1: a leaf, which does not check on entry
          (func $leaf)
          ;; 2: makes a call, so it checks on entry
          (func $checked (call $leaf))
          ;; 3: calls a checking function first thing in every iteration
          (func (export "spin_calling") (loop $l (call $checked) (br $l)))
          ;; 4: a branch back to the loop can skip the call
          (func (param $n i32) (loop $l (br_if $l (local.get $n)) (call $checked) (br $l)))
          ;; 5: the call sits inside a nested block
          (func (loop $l (block (call $checked)) (br $l)))
          ;; 6: the call is to a host function, which does not check
          (func (export "spin_host") (loop $l (call $tick) (br $l)))
          ;; 7: the call is to a leaf, which does not check
          (func (export "spin_leaf") (loop $l (call $leaf) (br $l))))
        """;

    [Fact]
    public void Only_loops_that_call_a_checking_guest_function_before_any_branch_skip_their_own_check()
    {
        var module = ModuleDecoder.Decode(WatParser.ParseModule(Loops));
        HashSet<int> Found(int function) =>
            CallingLoops.Find(module.Bodies[function - module.ImportedFunctionCount].Code, EntryChecks.Find(module));
        var calling = Found(3);
        Assert.Single(calling);
        Assert.Equal(Opcode.Loop, module.Bodies[2].Code[calling.Single()].Opcode);
        for (int function = 4; function <= 7; function++) Assert.Empty(Found(function));
    }

    [Fact]
    public void A_loop_without_its_own_check_is_still_interrupted_at_its_call()
    {
        var engine = new Engine();
        using var store = new Store(engine);
        var linker = new Linker(engine);
        linker.DefineFunction("host", "tick", () => { });
        var instance = linker.Instantiate(store, Module.FromText(engine, "loops", Loops));
        store.SetDeadline(TimeSpan.FromMilliseconds(50));
        Assert.Equal(TrapCode.Timeout, Assert.Throws<TrapException>(() => instance.GetFunction("spin_calling")!.Invoke()).Code);
        store.SetDeadline(TimeSpan.FromMilliseconds(50));
        Assert.Equal(TrapCode.Timeout, Assert.Throws<TrapException>(() => instance.GetFunction("spin_host")!.Invoke()).Code);
        store.SetDeadline(TimeSpan.FromMilliseconds(50));
        Assert.Equal(TrapCode.Timeout, Assert.Throws<TrapException>(() => instance.GetFunction("spin_leaf")!.Invoke()).Code);
    }

    [Fact]
    public void Only_functions_that_make_calls_check_the_stack_on_entry()
    {
        var module = ModuleDecoder.Decode(WatParser.ParseModule("""
            (module
              (import "host" "tick" (func $tick))
              (table 1 funcref)
              (func $leaf (loop (br 0)))
              (func (call $tick))
              (func (call_indirect (i32.const 0))))
            """));
        Assert.Equal(new[] { false, false, true, true }, EntryChecks.Find(module));
    }
}
