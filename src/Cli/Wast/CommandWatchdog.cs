using Djinn.Engine;

namespace Djinn.Cli.Wast;

/// <summary>
/// Interrupts a guest that keeps one script command running too long, through the store's deadline
/// (<see cref="Store.SetDeadline"/>: checked by compiled code at function entry and loop back-edges, kept by the
/// engine's deadline thread), so an engine bug that loops forever becomes a failed command instead of a hung run.
/// </summary>
internal sealed class CommandWatchdog(Store store, TimeSpan limit) : IDisposable
{
    private readonly Lock _gate = new();
    private bool _abandoned;

    /// <summary>The time one command may run.</summary>
    public TimeSpan Limit => limit;

    /// <summary>Arms the watchdog for a command that starts now.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (!_abandoned) store.SetDeadline(limit);
        }
    }

    /// <summary>Disarms the watchdog; returns true when it had to interrupt the command.</summary>
    public bool Stop()
    {
        lock (_gate) return Cancel();
    }

    /// <summary>Interrupts the guest for good: the script has been given up on.</summary>
    public void Abandon()
    {
        lock (_gate)
        {
            _abandoned = true;
            store.Interrupt();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate) Cancel();
    }

    /// <summary>Cancels the deadline (true when it had fired); an abandoned script's store stays interrupted.</summary>
    private bool Cancel()
    {
        bool fired = store.CancelDeadline();
        if (_abandoned) store.Interrupt();
        return fired;
    }
}
