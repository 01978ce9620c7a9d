using Djinn.Cli.Wast;
using Djinn.Engine.Runtime;
using Xunit;

namespace Djinn.Engine.Tests.Wast;

public sealed class CommandWatchdogTests
{
    [Fact]
    public void A_command_that_outlasts_the_limit_is_interrupted_and_reported()
    {
        var budget = new ExecutionBudget();
        using var watchdog = new CommandWatchdog(budget, TimeSpan.FromMilliseconds(50));

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
        var budget = new ExecutionBudget();
        using var watchdog = new CommandWatchdog(budget, TimeSpan.FromSeconds(30));

        watchdog.Start();

        Assert.False(watchdog.Stop());
        Assert.Equal(0, budget.Interrupt);
    }

    [Fact]
    public void An_abandoned_script_stays_interrupted()
    {
        var budget = new ExecutionBudget();
        using var watchdog = new CommandWatchdog(budget, TimeSpan.FromSeconds(30));

        watchdog.Start();
        watchdog.Abandon();
        watchdog.Stop();
        watchdog.Start();

        Assert.Equal(1, budget.Interrupt);
    }
}
