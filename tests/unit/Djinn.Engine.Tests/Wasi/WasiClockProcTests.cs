using Xunit;
namespace Djinn.Engine.Tests.Wasi;

public sealed class WasiClockProcTests
{
    [Fact]
    public void Realtime_clock_is_nanoseconds_since_the_unix_epoch()
    {
        var h = new WasiHarness();
        Assert.Equal(0, h.Get<Func<int, long, int, int>>("clock_time_get")(0, 1, 8));
        var now = (ulong)(DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        Assert.InRange(h.U64(8), now - 5_000_000_000UL, now + 1_000_000_000UL);
    }

    [Fact]
    public void Monotonic_clock_does_not_go_backwards_and_advances_across_a_sleep()
    {
        var h = new WasiHarness();
        var get = h.Get<Func<int, long, int, int>>("clock_time_get");
        Assert.Equal(0, get(1, 0, 8));
        Thread.Sleep(20);
        Assert.Equal(0, get(1, 0, 16));
        Assert.InRange(h.U64(16) - h.U64(8), 15_000_000UL, 10_000_000_000UL);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Cpu_time_clocks_are_positive(int clock)
    {
        var h = new WasiHarness();
        Assert.Equal(0, h.Get<Func<int, long, int, int>>("clock_time_get")(clock, 0, 8));
        Assert.True(h.U64(8) > 0);
        Assert.Equal(0, h.Get<Func<int, int, int>>("clock_res_get")(clock, 16));
        Assert.True(h.U64(16) > 0);
    }

    [Fact]
    public void Unknown_clocks_are_invalid_and_bad_pointers_fault()
    {
        var h = new WasiHarness();
        Assert.Equal(28, h.Get<Func<int, long, int, int>>("clock_time_get")(4, 0, 8));
        Assert.Equal(28, h.Get<Func<int, int, int>>("clock_res_get")(-1, 8));
        Assert.Equal(21, h.Get<Func<int, long, int, int>>("clock_time_get")(0, 0, 65532));
        Assert.Equal(21, h.Get<Func<int, int, int>>("clock_res_get")(1, -8));
    }

    [Fact]
    public void Random_get_fills_the_buffer_and_faults_out_of_range()
    {
        var h = new WasiHarness();
        var random = h.Get<Func<int, int, int>>("random_get");
        Assert.Equal(0, random(100, 64));
        Assert.Contains(h.Bytes.Slice(100, 64).ToArray(), b => b != 0);
        Assert.All(h.Bytes.Slice(164, 64).ToArray(), b => Assert.Equal(0, b));
        Assert.Equal(0, random(65536, 0));
        Assert.Equal(21, random(65530, 7));
        Assert.Equal(21, random(0, -1));
    }

    [Fact]
    public void Proc_exit_unwinds_with_the_exit_code()
    {
        var h = new WasiHarness();
        var trap = Assert.Throws<TrapException>(() => h.Get<Action<int>>("proc_exit")(42));
        Assert.Equal(TrapCode.Exit, trap.Code);
        Assert.Equal(42, trap.ExitCode);
    }

    [Fact]
    public void Sched_yield_succeeds_and_proc_raise_is_not_supported()
    {
        var h = new WasiHarness();
        Assert.Equal(0, h.Get<Func<int>>("sched_yield")());
        Assert.Equal(52, h.Get<Func<int, int>>("proc_raise")(6));
    }
}
