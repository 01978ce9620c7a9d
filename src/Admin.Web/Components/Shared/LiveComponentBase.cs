using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Djinn.Admin.Web.Components.Shared;

/// <summary>
/// A component that refreshes itself on a timer once it is interactive (never while prerendering): each tick runs
/// <see cref="OnTickAsync"/> and re-renders on the renderer's dispatcher. Ticks are skipped while the browser is
/// disconnected, and one runs at once when it reconnects. The timer stops when the component is disposed.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private bool _disposed;

    [Inject]
    private CircuitConnection Connection { get; set; } = default!;

    [Inject]
    private ILogger<LiveComponentBase> Logger { get; set; } = default!;

    /// <summary>Time between refreshes.</summary>
    protected virtual TimeSpan TickInterval => TimeSpan.FromSeconds(1);

    /// <summary>True once the circuit is attached and the refreshes run; pages expose it as <c>data-interactive</c>.</summary>
    protected bool IsInteractive { get; private set; }

    /// <summary>Cancelled when the component is disposed.</summary>
    protected CancellationToken Stopping => _stop.Token;

    /// <summary>Updates the component's state; runs on the renderer's dispatcher. Return false to skip the render.</summary>
    protected abstract Task<bool> OnTickAsync();

    /// <summary>Called once the component is interactive, before the first tick (e.g. to subscribe to a stream).</summary>
    protected virtual Task OnLiveStartAsync() => Task.CompletedTask;

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || _disposed)
        {
            return;
        }

        Connection.Reconnected += OnReconnected;
        try
        {
            await OnLiveStartAsync();
        }
        catch (Exception ex) when (_disposed && ex is OperationCanceledException or ObjectDisposedException or JSDisconnectedException)
        {
            // Left (tab switched, circuit gone) while starting: nothing to run.
        }

        if (_disposed)
        {
            return;
        }

        _ = RunAsync();
        IsInteractive = true;
        StateHasChanged();
    }

    /// <summary>Releases what a derived component holds (subscriptions); the timer is already stopped.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (Connection is not null)
        {
            Connection.Reconnected -= OnReconnected;
        }

        // Cancelled but not disposed: a start still awaiting may read the token afterwards.
        _stop.Cancel();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        using var timer = new PeriodicTimer(TickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                if (Connection.IsUp)
                {
                    await TickAsync();
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private void OnReconnected() => _ = TickAsync();

    private async Task TickAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await InvokeAsync(async () =>
            {
                if (!_disposed && await OnTickAsync())
                {
                    StateHasChanged();
                }
            });
        }
        catch (OperationCanceledException) when (_disposed)
        {
        }
        catch (ObjectDisposedException) when (_disposed)
        {
        }
#pragma warning disable CA1031 // A failed refresh is logged; the next tick tries again rather than killing the circuit.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogWarning(ex, "Live refresh of {Component} failed", GetType().Name);
        }
    }
}
