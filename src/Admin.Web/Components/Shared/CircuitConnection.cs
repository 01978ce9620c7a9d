using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Djinn.Admin.Web.Components.Shared;

/// <summary>
/// Whether this circuit's browser connection is up. While it is down the circuit lives on (for the retention period)
/// but nothing reaches the browser, so live components skip their refreshes and catch up with one when it is back.
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    /// <summary>True unless the connection dropped and has not come back yet.</summary>
    public bool IsUp { get; private set; } = true;

    /// <summary>Raised (off the renderer's dispatcher) when the browser reconnected to this circuit.</summary>
    public event Action? Reconnected;

    /// <inheritdoc />
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsUp = false;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var wasDown = !IsUp;
        IsUp = true;
        if (wasDown)
        {
            Reconnected?.Invoke();
        }

        return Task.CompletedTask;
    }
}
