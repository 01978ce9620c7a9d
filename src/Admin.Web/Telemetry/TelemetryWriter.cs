using Djinn.Data;
using Djinn.Data.Entities;
using Djinn.Data.Services;
using Microsoft.Extensions.Options;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// Drains the <see cref="TelemetryQueue"/> in batches into SQLite (one transaction per batch), off the request
/// path. On shutdown it stores what is still queued.
/// </summary>
internal sealed partial class TelemetryWriter(
    TelemetryQueue queue,
    IServiceScopeFactory scopes,
    DjinnMetrics metrics,
    IOptions<TelemetryOptions> options,
    ILogger<TelemetryWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<TelemetryEntry>();
        try
        {
            while (await queue.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await DrainAsync(batch, CancellationToken.None);
        }
    }

    private async Task DrainAsync(List<TelemetryEntry> batch, CancellationToken cancellationToken)
    {
        var max = Math.Max(1, options.Value.BatchSize);
        var maxLines = Math.Max(0, options.Value.MaxLinesPerInvocation);
        while (true)
        {
            batch.Clear();
            while (batch.Count < max && queue.TryDequeue(out var invocation))
            {
                batch.Add(ToEntry(invocation, maxLines));
            }

            if (batch.Count == 0)
            {
                return;
            }

            await WriteAsync(batch, cancellationToken);
        }
    }

    private async Task WriteAsync(List<TelemetryEntry> batch, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DjinnDbContext>();
            var stored = await AppendAsync(db, batch, cancellationToken);
            metrics.Dropped("unknown_function", batch.Count - stored);
        }
#pragma warning disable CA1031 // A failed batch is dropped and counted; the writer keeps going.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            metrics.Dropped("store_error", batch.Count);
            // The exception type only: a database error message can quote the values it failed to store.
            logger.LogWarning("Could not store telemetry of {Count} invocations: {ExceptionType}", batch.Count, ex.GetType().Name);
        }
    }

    internal static TelemetryEntry ToEntry(InvocationEvent invocation, int maxLines)
    {
        var record = new InvocationRecord
        {
            InvocationId = Truncate(invocation.InvocationId, 64),
            Version = invocation.Version,
            Status = invocation.Status,
            Outcome = invocation.Outcome.ToString(),
            Trap = invocation.Trap?.ToString(),
            DurationMs = invocation.Duration.TotalMilliseconds,
            FuelConsumed = invocation.FuelConsumed,
            MemoryBytes = invocation.MemoryBytes,
            TraceId = invocation.TraceId is null ? null : Truncate(invocation.TraceId, 64),
            At = invocation.Timestamp.UtcDateTime,
        };
        var lines = invocation.LogLines.Count <= maxLines ? invocation.LogLines : invocation.LogLines.Take(maxLines).ToArray();
        return new TelemetryEntry(invocation.Function, record, lines);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
