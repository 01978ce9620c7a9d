using System.Diagnostics;
using Djinn.Engine.Runtime;

namespace Djinn.Cli.Wast;

/// <summary>
/// Interrupts a guest that keeps one script command running too long, through the store's cooperative
/// deadline flag (checked by compiled code at function entry and loop back-edges), so an engine bug that
/// loops forever becomes a failed command instead of a hung run.
/// </summary>
internal sealed class CommandWatchdog : IDisposable
{
    private readonly ExecutionBudget _budget;
    private readonly TimeSpan _limit;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private long _deadline = long.MaxValue;
    private bool _running;
    private bool _fired;
    private bool _abandoned;

    /// <summary>Watches commands that run against <paramref name="budget"/>, allowing each <paramref name="limit"/>.</summary>
    public CommandWatchdog(ExecutionBudget budget, TimeSpan limit)
    {
        _budget = budget;
        _limit = limit;
        _timer = new Timer(_ => Fire());
    }

    /// <summary>The time one command may run.</summary>
    public TimeSpan Limit => _limit;

    /// <summary>Arms the watchdog for a command that starts now.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_abandoned) return;
            _budget.ClearInterrupt();
            _fired = false;
            _running = true;
            _deadline = Stopwatch.GetTimestamp() + (long)(_limit.TotalSeconds * Stopwatch.Frequency);
        }
        _timer.Change(_limit, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Disarms the watchdog; returns true when it had to interrupt the command.</summary>
    public bool Stop()
    {
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            _running = false;
            if (!_abandoned) _budget.ClearInterrupt();
            return _fired;
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
    public void Dispose() => _timer.Dispose();

    private void Fire()
    {
        lock (_gate)
        {
            // A callback queued for an earlier command can arrive late; only a passed deadline counts. The timer
            // can also fire a little before the deadline as Stopwatch measures it (its clock is coarser): then
            // it is armed again for the rest, instead of the command going unwatched.
            if (!_running) return;
            long left = _deadline - Stopwatch.GetTimestamp();
            if (left > 0)
            {
                try
                {
                    _timer.Change(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency) + TimeSpan.FromMilliseconds(1),
                        Timeout.InfiniteTimeSpan);
                }
                catch (ObjectDisposedException)
                {
                    // Disposed while this callback ran: nothing is watched any more.
                }
                return;
            }
            _fired = true;
            _budget.RaiseInterrupt();
        }
    }
}
