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
          (func $leaf)
          ;; 2: calls first thing in every iteration
          (func (export "spin_calling") (loop $l (call $leaf) (br $l)))
          ;; 3: a branch back to the loop can skip the call
          (func (param $n i32) (loop $l (br_if $l (local.get $n)) (call $leaf) (br $l)))
          ;; 4: the call sits inside a nested block
          (func (loop $l (block (call $leaf)) (br $l)))
          ;; 5: the call is to a host function, which does not check
          (func (export "spin_host") (loop $l (call $tick) (br $l))))
        """;

    [Fact]
    public void Only_loops_that_call_a_guest_function_before_any_branch_skip_their_own_check()
    {
        var module = ModuleDecoder.Decode(WatParser.ParseModule(Loops));
        HashSet<int> Found(int function) =>
            CallingLoops.Find(module.Bodies[function - module.ImportedFunctionCount].Code, module.ImportedFunctionCount);
        var calling = Found(2);
        Assert.Single(calling);
        Assert.Equal(Opcode.Loop, module.Bodies[1].Code[calling.Single()].Opcode);
        Assert.Empty(Found(3));
        Assert.Empty(Found(4));
        Assert.Empty(Found(5));
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
    }
}
