using Djinn.Engine.Runtime;

namespace Djinn.Cli.Wast;

/// <summary>
/// Interrupts a guest that keeps one script command running too long, through the store's cooperative
/// deadline flag (checked by compiled code at function entry and loop back-edges), so an engine bug that
/// loops forever becomes a failed command instead of a hung run. The deadline is kept by the engine's
/// <see cref="DeadlineWatchdog"/> thread, as a store's deadline is, so it fires on time when the thread pool is busy.
/// </summary>
internal sealed class CommandWatchdog : IDisposable
{
    private readonly ExecutionBudget _budget;
    private readonly TimeSpan _limit;
    private readonly Lock _gate = new();
    private DeadlineWatchdog.Deadline? _armed;
    private bool _abandoned;

    /// <summary>Watches commands that run against <paramref name="budget"/>, allowing each <paramref name="limit"/>.</summary>
    public CommandWatchdog(ExecutionBudget budget, TimeSpan limit)
    {
        _budget = budget;
        _limit = limit;
    }

    /// <summary>The time one command may run.</summary>
    public TimeSpan Limit => _limit;

    /// <summary>Arms the watchdog for a command that starts now.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_abandoned) return;
            Disarm();
            _budget.ClearInterrupt();
            _armed = DeadlineWatchdog.Arm(_budget, _limit);
        }
    }

    /// <summary>Disarms the watchdog; returns true when it had to interrupt the command.</summary>
    public bool Stop()
    {
        lock (_gate)
        {
            bool fired = Disarm();
            if (!_abandoned) _budget.ClearInterrupt();
            return fired;
        }
    }

    /// <summary>Interrupts the guest for good: the script has been given up on.</summary>
    public void Abandon()
    {
        lock (_gate)
        {
            _abandoned = true;
            _budget.RaiseInterrupt();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate) Disarm();
    }

    /// <summary>Removes the armed deadline, if any; true when it had fired.</summary>
    private bool Disarm()
    {
        if (_armed is not { } armed) return false;
        _armed = null;
        return DeadlineWatchdog.Disarm(armed);
    }
}
