using Djinn.Cli.Wast;
using Djinn.Engine.Runtime;
using Djinn.Engine.Tests.Sandbox;
using Xunit;

namespace Djinn.Engine.Tests.Wast;

// In the collection that runs alone: one test counts the process-wide armed deadlines.
[Collection(nameof(ThreadPoolStarvation))]
public sealed class CommandWatchdogTests
{
    [Fact]
    public void A_command_that_outlasts_the_limit_is_interrupted_and_reported()
    {
        using var store = new Store(new Engine());
        var budget = store.Budget;
        using var watchdog = new CommandWatchdog(store, TimeSpan.FromMilliseconds(50));

        watchdog.Start();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (budget.Interrupt == 0 && DateTime.UtcNow < deadline) Thread.Sleep(10);

        Assert.Equal(1, budget.Interrupt);
        Assert.True(watchdog.Stop());
        Assert.Equal(0, budget.Interrupt);
    }

    [Fact]
    public void A_quick_command_is_not_interrupted()
    {
        using var store = new Store(new Engine());
        var budget = store.Budget;
        using var watchdog = new CommandWatchdog(store, TimeSpan.FromSeconds(30));

        watchdog.Start();

        Assert.False(watchdog.Stop());
        Assert.Equal(0, budget.Interrupt);
    }

    [Fact]
    public void An_abandoned_script_stays_interrupted()
    {
        using var store = new Store(new Engine());
        var budget = store.Budget;
        using var watchdog = new CommandWatchdog(store, TimeSpan.FromSeconds(30));

        watchdog.Start();
        watchdog.Abandon();
        watchdog.Stop();
        watchdog.Start();

        Assert.Equal(1, budget.Interrupt);
    }

    [Fact]
    public void A_disposed_watchdog_leaves_no_deadline_armed()
    {
        using var store = new Store(new Engine());
        var budget = store.Budget;
        int armedBefore = DeadlineWatchdog.ArmedCount;
        var watchdog = new CommandWatchdog(store, TimeSpan.FromSeconds(30));

        watchdog.Start();
        watchdog.Dispose();

        Assert.Equal(armedBefore, DeadlineWatchdog.ArmedCount);
    }
}
