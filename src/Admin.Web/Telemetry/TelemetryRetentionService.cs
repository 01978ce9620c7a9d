using Djinn.Data.Services;
using Microsoft.Extensions.Options;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>Applies the retention (newest N per function, maximum age) every <see cref="TelemetryOptions.TrimInterval"/>, in the background.</summary>
internal sealed class TelemetryRetentionService(
    IServiceScopeFactory scopes,
    IOptions<TelemetryOptions> options,
    TimeProvider time,
    ILogger<TelemetryRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var interval = settings.TrimInterval > TimeSpan.Zero ? settings.TrimInterval : TimeSpan.FromMinutes(1);
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TrimAsync(settings, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task TrimAsync(TelemetryOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<TelemetryStore>();
            var retention = new TelemetryRetention(settings.LogLinesPerFunction, settings.InvocationsPerFunction, settings.MaxAge);
            var result = await store.TrimAsync(retention, time.GetUtcNow().UtcDateTime, cancellationToken);
            if (result.LogLines + result.Invocations > 0)
            {
                logger.LogDebug("Trimmed {LogLines} log lines and {Invocations} invocation records", result.LogLines, result.Invocations);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The next tick tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning("Telemetry retention failed: {ExceptionType}", ex.GetType().Name);
        }
    }
}
