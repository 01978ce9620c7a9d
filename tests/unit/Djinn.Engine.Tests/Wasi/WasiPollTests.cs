using Xunit;
using System.Diagnostics;

namespace Djinn.Engine.Tests.Wasi;

public sealed class WasiPollTests
{
    private const int In = 1000;
    private const int Out = 3000;
    private const int Count = 500;

    private static void Clock(WasiHarness h, int index, ulong userData, int clock, ulong timeout, bool absolute = false)
    {
        int s = In + index * 48;
        h.SetU64(s, userData);
        h.Bytes[s + 8] = 0;              // eventtype clock
        h.SetU32(s + 16, (uint)clock);
        h.SetU64(s + 24, timeout);
        h.SetU64(s + 32, 0);             // precision
        h.SetU16(s + 40, (ushort)(absolute ? 1 : 0));
    }

    private static void Fd(WasiHarness h, int index, ulong userData, byte type, int fd)
    {
        int s = In + index * 48;
        h.SetU64(s, userData);
        h.Bytes[s + 8] = type;
        h.SetU32(s + 16, (uint)fd);
    }

    private static int Poll(WasiHarness h, int subscriptions) =>
        h.Get<Func<int, int, int, int, int>>("poll_oneoff")(In, Out, subscriptions, Count);

    [Fact]
    public void A_relative_clock_subscription_sleeps_then_reports_its_event()
    {
        var h = new WasiHarness();
        Clock(h, 0, 0x1122334455667788, clock: 1, timeout: 30_000_000);
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, Poll(h, 1));
        Assert.InRange(watch.ElapsedMilliseconds, 25, 5000);
        Assert.Equal(1u, h.U32(Count));
        Assert.Equal(0x1122334455667788UL, h.U64(Out));
        Assert.Equal(0, h.U16(Out + 8));    // error
        Assert.Equal(0, h.Bytes[Out + 10]); // type clock
    }

    [Fact]
    public void Only_the_earliest_clocks_fire()
    {
        var h = new WasiHarness();
        Clock(h, 0, 1, clock: 1, timeout: 5_000_000_000);
        Clock(h, 1, 2, clock: 0, timeout: 1_000_000);
        Assert.Equal(0, Poll(h, 2));
        Assert.Equal(1u, h.U32(Count));
        Assert.Equal(2UL, h.U64(Out));
    }

    [Fact]
    public void An_absolute_deadline_in_the_past_fires_at_once()
    {
        var h = new WasiHarness();
        Clock(h, 0, 7, clock: 0, timeout: 1_000, absolute: true);
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, Poll(h, 1));
        Assert.True(watch.ElapsedMilliseconds < 1000);
        Assert.Equal(1u, h.U32(Count));
        Assert.Equal(7UL, h.U64(Out));
    }

    [Fact]
    public void Sleeps_are_bounded_by_the_configuration()
    {
        var h = new WasiHarness(new WasiConfiguration { MaxPollSleep = TimeSpan.FromMilliseconds(10) });
        Clock(h, 0, 1, clock: 1, timeout: ulong.MaxValue);
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, Poll(h, 1));
        Assert.True(watch.ElapsedMilliseconds < 2000);
        Assert.Equal(1u, h.U32(Count));
    }

    [Fact]
    public void Stdio_is_always_ready_so_fd_subscriptions_do_not_wait_for_clocks()
    {
        var h = new WasiHarness();
        Clock(h, 0, 1, clock: 1, timeout: 5_000_000_000);
        Fd(h, 1, 2, type: 2, fd: 1);
        Fd(h, 2, 3, type: 1, fd: 42);
        var watch = Stopwatch.StartNew();
        Assert.Equal(0, Poll(h, 3));
        Assert.True(watch.ElapsedMilliseconds < 2000);
        Assert.Equal(2u, h.U32(Count));
        Assert.Equal(2UL, h.U64(Out));
        Assert.Equal(0, h.U16(Out + 8));
        Assert.Equal(2, h.Bytes[Out + 10]);
        Assert.Equal(3UL, h.U64(Out + 32));
        Assert.Equal(8, h.U16(Out + 32 + 8)); // EBADF in the event, not the call
        Assert.Equal(1, h.Bytes[Out + 32 + 10]);
    }

    [Fact]
    public void Bad_subscriptions_are_reported()
    {
        var h = new WasiHarness();
        Assert.Equal(28, Poll(h, 0));
        h.Bytes[In + 8] = 9;
        Assert.Equal(28, Poll(h, 1));
        Clock(h, 0, 5, clock: 17, timeout: 0);
        Assert.Equal(0, Poll(h, 1));
        Assert.Equal(28, h.U16(Out + 8));
        Assert.Equal(21, h.Get<Func<int, int, int, int, int>>("poll_oneoff")(65536 - 40, Out, 1, Count));
        Assert.Equal(21, h.Get<Func<int, int, int, int, int>>("poll_oneoff")(In, Out, 100_000, Count));
    }

    [Fact]
    public void Out_of_range_sleep_bounds_do_not_throw()
    {
        foreach (var bound in new[] { TimeSpan.FromTicks(-5), TimeSpan.Zero })
        {
            var h = new WasiHarness(new WasiConfiguration { MaxPollSleep = bound });
            Clock(h, 0, 1, clock: 1, timeout: 1_000_000_000);
            Assert.Equal(0, Poll(h, 1));
            Assert.Equal(1u, h.U32(Count));
        }
    }
}
