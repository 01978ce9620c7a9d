using Djinn.Engine.Runtime;

namespace Djinn.Engine.Tests.Sandbox;

/// <summary>
/// The native stack limit: compiled functions compare the stack top with a floor set when the host enters guest code
/// (<see cref="GuestCall.Run"/>), so <see cref="Config.MaxStackBytes"/> bounds real stack bytes and no guest can
/// overflow the .NET stack, however it is called.
/// </summary>
public sealed class NativeStackLimitTests
{
    private const string Counting = """
        (module
          (global $depth (export "depth") (mut i32) (i32.const 0))
          (func $down (export "down")
            (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
            (call $down)))
        """;

    private static (Instance Instance, Store Store) Instantiate(Config config, string text)
    {
        var engine = new Engine(config);
        var store = new Store(engine);
        return (new Linker(engine).Instantiate(store, Module.FromText(engine, "stack", text)), store);
    }

    private static int DepthReached(int maxStackBytes)
    {
        var (instance, _) = Instantiate(new Config { MaxStackBytes = maxStackBytes }, Counting);
        Assert.Equal(TrapCode.CallStackExhausted, Assert.Throws<TrapException>(() => instance.GetFunction("down")!.Invoke()).Code);
        return (int)instance.GetGlobal("depth")!.Value!;
    }

    [Fact]
    public void Recursion_depth_grows_with_the_configured_stack_limit()
    {
        int shallow = DepthReached(64 * 1024);
        int deep = DepthReached(1024 * 1024);

        Assert.True(shallow > 100, $"64 KiB allowed only {shallow} frames");
        // Real bytes, not a frame count: sixteen times the stack gives about sixteen times the depth.
        Assert.InRange(deep, shallow * 8, shallow * 32);
    }

    [Fact]
    public void The_floor_is_lifted_when_the_call_returns_even_after_a_trap()
    {
        var (instance, store) = Instantiate(new Config(), Counting);

        Assert.Throws<TrapException>(() => instance.GetFunction("down")!.Invoke());

        Assert.Equal(NativeStack.NoFloor, store.Budget.StackFloor);
    }

    [Fact]
    public void A_guest_called_through_its_raw_delegate_still_traps_instead_of_overflowing_the_dotnet_stack()
    {
        var (instance, _) = Instantiate(new Config(), Counting);
        var down = instance.GetFunction("down")!.AsDelegate<Action>();

        // No GuestCall.Run, so no floor: every frame checks the thread's real stack instead.
        Assert.Equal(TrapCode.CallStackExhausted, Assert.Throws<TrapException>(down).Code);
    }

    [Fact]
    public void A_guest_entered_on_a_thread_with_too_little_stack_traps_before_it_runs()
    {
        var (instance, _) = Instantiate(new Config(), Counting);
        Exception? caught = null;
        // Smaller than NativeStack.Reserve: there is no room for any guest frame above the reserve.
        var thread = new Thread(() => caught = Record(() => instance.GetFunction("down")!.Invoke()), 192 * 1024);
        thread.Start();
        thread.Join();

        Assert.Equal(TrapCode.CallStackExhausted, Assert.IsType<TrapException>(caught).Code);
        Assert.Equal(0, (int)instance.GetGlobal("depth")!.Value!);
    }

    [Fact]
    public void Recursion_through_a_function_with_a_huge_frame_traps_instead_of_overflowing()
    {
        // 40,000 i64 locals: an estimated frame of about 320 KiB, larger than the reserve below the floor.
        var locals = string.Join(' ', Enumerable.Repeat("i64", 40_000));
        var text = $$"""
            (module
              (global $depth (export "depth") (mut i32) (i32.const 0))
              (func $fat (export "down") (local {{locals}})
                (local.set 39999 (i64.const 7))
                (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
                (call $fat)))
            """;
        var (caught, depth) = CallDownOnItsOwnThread(text);

        Assert.Equal(TrapCode.CallStackExhausted, Assert.IsType<TrapException>(caught).Code);
        Assert.True(depth >= 1);
    }

    [Fact]
    public void A_leaf_with_a_huge_frame_called_at_every_level_of_a_deep_recursion_traps_instead_of_overflowing()
    {
        // The leaf makes no calls, so it does not check the stack itself (EntryChecks): its caller's check and the
        // room the floor keeps for two of the largest frames must cover its frame of about 320 KiB.
        // Every local is written and read again, so the frame is really that large.
        const int count = 40_000;
        var locals = string.Join(' ', Enumerable.Repeat("i64", count));
        var writes = string.Concat(Enumerable.Range(1, count).Select(i => $"(local.set {i} (i64.xor (local.get {i - 1}) (i64.const {i})))"));
        var sum = string.Concat(Enumerable.Range(1, count).Select(i => $"(local.get {i}) i64.add "));
        var text = $$"""
            (module
              (global $depth (export "depth") (mut i32) (i32.const 0))
              (func $fat (param i64) (result i64) (local {{locals}})
                {{writes}}
                (local.get 0) {{sum}})
              (func $down (export "down")
                (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
                (drop (call $fat (i64.const 7)))
                (call $down)))
            """;
        var (caught, depth) = CallDownOnItsOwnThread(text);

        Assert.Equal(TrapCode.CallStackExhausted, Assert.IsType<TrapException>(caught).Code);
        Assert.True(depth > 100);
    }

    /// <summary>Calls <c>down</c> on a thread of 4 MiB, with a 4 MiB limit: what it threw, and the depth it reached.</summary>
    private static (Exception? Caught, int Depth) CallDownOnItsOwnThread(string text)
    {
        var (instance, _) = Instantiate(new Config { MaxStackBytes = 4 * 1024 * 1024 }, text);
        Exception? caught = null;
        var thread = new Thread(() => caught = Record(() => instance.GetFunction("down")!.Invoke()), 4 * 1024 * 1024);
        thread.Start();
        thread.Join();
        return (caught, (int)instance.GetGlobal("depth")!.Value!);
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
