using Djinn.Admin.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>Follows every function's log lines and sends each as a <c>log</c> event to that function's hub group.</summary>
internal sealed class HubLogForwarder(LogBroadcaster logs, IHubContext<TelemetryHub> hub, ILogger<HubLogForwarder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = logs.Subscribe(null);
        try
        {
            await foreach (var logEvent in subscription.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await hub.Clients.Group(TelemetryHub.FunctionGroup(logEvent.Function)).SendAsync(TelemetryHub.LogEvent, logEvent, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // One failed send must not stop the stream.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    logger.LogWarning("Forwarding a log line to the hub failed: {ExceptionType}", ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
