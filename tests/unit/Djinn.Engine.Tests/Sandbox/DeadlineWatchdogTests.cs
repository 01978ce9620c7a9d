using System.Diagnostics;
using Djinn.Engine.Runtime;
using Djinn.Engine.Tests.Support;

namespace Djinn.Engine.Tests.Sandbox;

/// <summary>Runs alone: it blocks thread-pool threads on purpose, which would slow the tests beside it.</summary>
[CollectionDefinition(nameof(ThreadPoolStarvation), DisableParallelization = true)]
public sealed class ThreadPoolStarvation;

/// <summary>Deadlines are kept by their own thread (<see cref="DeadlineWatchdog"/>), not by thread-pool timers.</summary>
[Collection(nameof(ThreadPoolStarvation))]
public sealed class DeadlineWatchdogTests
{
    private static Function Spin(Store store) =>
        new Linker(store.Engine).Instantiate(store, Module.FromFile(store.Engine,
            TestPaths.TestSource(Path.Combine("Sandbox", "Fixtures", "spin.wat")))).GetFunction("spin")!;

    [Fact]
    public void A_deadline_fires_on_time_while_every_thread_pool_thread_is_busy()
    {
        var store = new Store(new Engine());
        var spin = Spin(store);
        using var release = new ManualResetEventSlim(false);
        // Busy work items on every pool thread and more queued: the CPU is saturated, so the pool adds no threads
        // for starvation, and a pool timer's callback would wait until one of these ends.
        int blockers = Environment.ProcessorCount * 4 + 8;
        var blocked = new CountdownEvent(blockers);
        for (int i = 0; i < blockers; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                while (!release.IsSet) Thread.SpinWait(1000);
                blocked.Signal();
            }, null);
        }
        try
        {
            var clock = Stopwatch.StartNew(); // before the deadline is set: the thread may be preempted in between
            store.SetDeadline(TimeSpan.FromMilliseconds(100));

            Assert.Equal(TrapCode.Timeout, Assert.Throws<TrapException>(() => spin.Invoke()).Code);

            Assert.InRange(clock.ElapsedMilliseconds, 90, 3_000);
        }
        finally
        {
            release.Set();
            blocked.Wait(TimeSpan.FromSeconds(60));
            store.Dispose();
        }
    }

    [Fact]
    public void Disarmed_and_fired_deadlines_leave_the_watchdog_and_an_earlier_one_armed_later_fires_first()
    {
        var late = new Store(new Engine());
        var early = new Store(new Engine());
        var spinEarly = Spin(early);
        late.SetDeadline(TimeSpan.FromMinutes(10));
        early.SetDeadline(TimeSpan.FromMilliseconds(50));
        int armed = DeadlineWatchdog.ArmedCount;
        Assert.True(armed >= 2);

        // The watchdog was sleeping toward the 10-minute deadline: arming the 50 ms one must wake it.
        var clock = Stopwatch.StartNew();
        Assert.Equal(TrapCode.Timeout, Assert.Throws<TrapException>(() => spinEarly.Invoke()).Code);
        Assert.InRange(clock.ElapsedMilliseconds, 0, 3_000);

        Assert.Equal(armed - 1, DeadlineWatchdog.ArmedCount);
        late.Dispose();
        early.Dispose();
        Assert.Equal(armed - 2, DeadlineWatchdog.ArmedCount);
    }
}
