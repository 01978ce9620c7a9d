using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Djinn.Data.Services;

/// <summary>One finished invocation to store: its record and the guest's stderr lines.</summary>
/// <param name="Function">The function's name (entries for functions that no longer exist are skipped).</param>
/// <param name="Record">The record; <see cref="InvocationRecord.FunctionId"/> is filled in by the store.</param>
/// <param name="Lines">The stderr lines, in order.</param>
public sealed record TelemetryEntry(string Function, InvocationRecord Record, IReadOnlyList<string> Lines);

/// <summary>How much telemetry to keep.</summary>
/// <param name="LogLinesPerFunction">Newest log lines kept per function.</param>
/// <param name="InvocationsPerFunction">Newest invocation records kept per function.</param>
/// <param name="MaxAge">Lines and records older than this are deleted.</param>
public sealed record TelemetryRetention(int LogLinesPerFunction, int InvocationsPerFunction, TimeSpan MaxAge);

/// <summary>How many rows one trim deleted.</summary>
/// <param name="LogLines">Log lines deleted.</param>
/// <param name="Invocations">Invocation records deleted.</param>
public readonly record struct TrimResult(int LogLines, int Invocations);

/// <summary>Stores and reads guest log lines and invocation records, and trims them to a retention.</summary>
public sealed class TelemetryStore(DjinnDbContext db)
{
    /// <summary>Largest number of lines or records one read returns.</summary>
    public const int MaxRead = 5000;

    /// <summary>
    /// Stores <paramref name="entries"/> in one transaction and returns how many were stored; entries of
    /// functions that do not exist are skipped.
    /// </summary>
    public async Task<int> AppendAsync(IReadOnlyCollection<TelemetryEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return 0;
        }

        var names = entries.Select(e => e.Function).Distinct(StringComparer.Ordinal).ToList();
        var ids = await db.Functions.AsNoTracking().Where(f => names.Contains(f.Name))
            .ToDictionaryAsync(f => f.Name, f => f.Id, StringComparer.Ordinal, cancellationToken);
        var stored = 0;
        foreach (var entry in entries)
        {
            if (!ids.TryGetValue(entry.Function, out var functionId))
            {
                continue;
            }

            var record = entry.Record;
            record.Id = 0;
            record.FunctionId = functionId;
            db.InvocationRecords.Add(record);
            for (var i = 0; i < entry.Lines.Count; i++)
            {
                db.LogLines.Add(new LogLine
                {
                    FunctionId = functionId,
                    Version = record.Version,
                    InvocationId = record.InvocationId,
                    Index = i,
                    At = record.At,
                    Text = Truncate(entry.Lines[i], LogLine.MaxTextLength),
                });
            }

            stored++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        return stored;
    }

    /// <summary>
    /// The newest <paramref name="tail"/> lines of <paramref name="function"/> (optionally only those at or after
    /// <paramref name="since"/>), oldest first; null when the function does not exist.
    /// </summary>
    public async Task<List<LogLine>?> ListLogsAsync(string function, int tail, DateTime? since = null, CancellationToken cancellationToken = default)
    {
        var functionId = await FunctionIdAsync(function, cancellationToken);
        if (functionId is null)
        {
            return null;
        }

        var query = db.LogLines.AsNoTracking().Where(l => l.FunctionId == functionId.Value);
        if (since is not null)
        {
            var from = since.Value.ToUniversalTime();
            query = query.Where(l => l.At >= from);
        }

        var newest = await query.OrderByDescending(l => l.Id).Take(Math.Clamp(tail, 0, MaxRead)).ToListAsync(cancellationToken);
        newest.Reverse();
        return newest;
    }

    /// <summary>The newest <paramref name="limit"/> invocation records of <paramref name="function"/>, newest first; null when it does not exist.</summary>
    public async Task<List<InvocationRecord>?> ListInvocationsAsync(string function, int limit, CancellationToken cancellationToken = default)
    {
        var functionId = await FunctionIdAsync(function, cancellationToken);
        if (functionId is null)
        {
            return null;
        }

        return await db.InvocationRecords.AsNoTracking().Where(r => r.FunctionId == functionId.Value)
            .OrderByDescending(r => r.Id).Take(Math.Clamp(limit, 1, MaxRead)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes lines and records beyond the newest N per function and those older than
    /// <see cref="TelemetryRetention.MaxAge"/> before <paramref name="now"/>.
    /// </summary>
    public async Task<TrimResult> TrimAsync(TelemetryRetention retention, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retention);
        var cutoff = now.ToUniversalTime() - retention.MaxAge;
        var keepLines = Math.Max(0, retention.LogLinesPerFunction);
        var keepRecords = Math.Max(0, retention.InvocationsPerFunction);
        int lines = 0, records = 0;

        // One statement per function and table, each its own short transaction, so writers are never held up long.
        var functionIds = await db.Functions.AsNoTracking().Select(f => f.Id).ToListAsync(cancellationToken);
        foreach (var id in functionIds)
        {
            lines += await db.Database.ExecuteSqlInterpolatedAsync(
                $"DELETE FROM LogLines WHERE FunctionId = {id} AND Id <= (SELECT Id FROM LogLines WHERE FunctionId = {id} ORDER BY Id DESC LIMIT 1 OFFSET {keepLines})",
                cancellationToken);
            records += await db.Database.ExecuteSqlInterpolatedAsync(
                $"DELETE FROM InvocationRecords WHERE FunctionId = {id} AND Id <= (SELECT Id FROM InvocationRecords WHERE FunctionId = {id} ORDER BY Id DESC LIMIT 1 OFFSET {keepRecords})",
                cancellationToken);
        }

        lines += await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM LogLines WHERE At < {cutoff}", cancellationToken);
        records += await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM InvocationRecords WHERE At < {cutoff}", cancellationToken);
        return new TrimResult(lines, records);
    }

    private async Task<int?> FunctionIdAsync(string function, CancellationToken cancellationToken) =>
        await db.Functions.AsNoTracking().Where(f => f.Name == function).Select(f => (int?)f.Id).FirstOrDefaultAsync(cancellationToken);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
