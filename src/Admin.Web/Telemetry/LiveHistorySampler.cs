namespace Djinn.Admin.Web.Telemetry;

/// <summary>Samples <see cref="LiveWindow"/> into <see cref="LiveHistory"/> once a second.</summary>
internal sealed class LiveHistorySampler(LiveWindow live, LiveHistory history, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        history.Add(live.Snapshot());
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                history.Add(live.Snapshot());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

/// <summary>Registers the console's live history.</summary>
public static class LiveHistorySetup
{
    /// <summary>Adds <see cref="LiveHistory"/> and the sampler that fills it (needs <see cref="LiveWindow"/> from telemetry).</summary>
    public static IServiceCollection AddLiveHistory(this IServiceCollection services)
    {
        services.AddSingleton<LiveHistory>();
        services.AddHostedService<LiveHistorySampler>();
        return services;
    }
}
