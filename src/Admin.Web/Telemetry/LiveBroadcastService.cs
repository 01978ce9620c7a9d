using Djinn.Admin.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// Once a second pushes the live figures over the hub: <c>dashboard</c> (a <see cref="LiveSnapshot"/>) to the
/// dashboard group and <c>metrics</c> (a <see cref="LiveFigures"/>) to each active function's group.
/// </summary>
internal sealed class LiveBroadcastService(
    LiveWindow live,
    IHubContext<TelemetryHub> hub,
    TimeProvider time,
    ILogger<LiveBroadcastService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var snapshot = live.Snapshot();
                    await hub.Clients.Group(TelemetryHub.DashboardGroup).SendAsync(TelemetryHub.DashboardEvent, snapshot, stoppingToken);
                    foreach (var figures in snapshot.Functions)
                    {
                        await hub.Clients.Group(TelemetryHub.FunctionGroup(figures.Function!)).SendAsync(TelemetryHub.MetricsEvent, figures, stoppingToken);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // One failed push must not stop the next.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    logger.LogWarning("Live figures push failed: {ExceptionType}", ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
