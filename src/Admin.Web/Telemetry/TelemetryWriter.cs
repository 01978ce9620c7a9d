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
    /// <summary>
    /// How long the writer lets the queue fill before storing what it holds: each batch has a fixed cost (a context, a
    /// connection, a transaction), which under load would otherwise be paid for every few invocations. The wait also
    /// applies under load (unless the queue gets half full): the longer the queue fills, the more of a busy function's
    /// invocations retention would delete at once, and those are never written (<see cref="WithinRetention"/>).
    /// </summary>
    internal static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the writer checks, while it waits, whether the queue got half full.</summary>
    private static readonly TimeSpan LingerStep = FlushDelay / 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<TelemetryEntry>();
        try
        {
            while (await queue.WaitToReadAsync(stoppingToken))
            {
                await LingerAsync(stoppingToken);
                await DrainAsync(batch, untilEmpty: false, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await DrainAsync(batch, untilEmpty: true, CancellationToken.None);
        }
    }

    /// <summary>
    /// Waits up to <see cref="FlushDelay"/> for more invocations, in steps of <see cref="LingerStep"/>, and stops early
    /// once the queue is half full (by count or by bytes), so a burst is never dropped for lack of room.
    /// </summary>
    private async Task LingerAsync(CancellationToken stoppingToken)
    {
        var value = options.Value;
        var fullEnough = Math.Max(1, value.QueueCapacity / 2);
        var bytesEnough = Math.Max(1, value.QueueMaxBytes / 2);
        for (var waited = TimeSpan.Zero; waited < FlushDelay; waited += LingerStep)
        {
            if (queue.Count >= fullEnough || queue.Bytes >= bytesEnough)
            {
                return;
            }

            await Task.Delay(LingerStep, stoppingToken);
        }
    }

    /// <summary>
    /// Stores what the queue holds now; with <paramref name="untilEmpty"/> (shutdown), also what arrives meanwhile.
    /// Otherwise what arrives during the write waits for the next linger, so a busy queue is still written in few,
    /// large drains instead of one small drain after another.
    /// </summary>
    private async Task DrainAsync(List<TelemetryEntry> batch, bool untilEmpty, CancellationToken cancellationToken)
    {
        var max = Math.Max(1, options.Value.BatchSize);
        var maxLines = Math.Max(0, options.Value.MaxLinesPerInvocation);
        while (true)
        {
            var drained = new List<InvocationEvent>(Math.Max(16, queue.Count));
            while (queue.TryDequeue(out var invocation))
            {
                drained.Add(invocation);
            }

            if (drained.Count == 0)
            {
                return;
            }

            var keep = WithinRetention(drained, options.Value.InvocationsPerFunction, options.Value.LogLinesPerFunction, maxLines);
            batch.Clear();
            for (int i = 0; i < drained.Count; i++)
            {
                if (!keep[i])
                {
                    continue;
                }

                batch.Add(ToEntry(drained[i], maxLines));
                if (batch.Count == max)
                {
                    await WriteAsync(batch, cancellationToken);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await WriteAsync(batch, cancellationToken);
            }

            if (!untilEmpty)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Which of the drained invocations (oldest first) retention would keep: per function, the newest
    /// <paramref name="records"/> invocations, and any invocation with a line among its function's newest
    /// <paramref name="lines"/> lines. Storing the others would only give the next trim more to delete (under load,
    /// almost all of them), so they are left out here, and not counted as drops.
    /// </summary>
    internal static bool[] WithinRetention(List<InvocationEvent> drained, int records, int lines, int maxLinesPerInvocation)
    {
        var keep = new bool[drained.Count];
        var seen = new Dictionary<string, (int Records, int Lines)>(StringComparer.Ordinal);
        for (int i = drained.Count - 1; i >= 0; i--)
        {
            var invocation = drained[i];
            seen.TryGetValue(invocation.Function, out var count);
            keep[i] = count.Records < records || (count.Lines < lines && invocation.LogLines.Count > 0);
            seen[invocation.Function] = (count.Records + 1, count.Lines + Math.Min(invocation.LogLines.Count, maxLinesPerInvocation));
        }

        return keep;
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
