using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Djinn.Data.Services;

/// <summary>Reads the audit log. Entries are written by the stores in the same transaction as the change.</summary>
public sealed class AuditLog(DjinnDbContext db)
{
    /// <summary>Most recent entries first (at most 1000), optionally only those about <paramref name="target"/>.</summary>
    public async Task<List<AuditEntry>> ListAsync(int take, string? target = null, CancellationToken cancellationToken = default)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(target))
        {
            query = query.Where(a => a.Target == target);
        }

        return await query.OrderByDescending(a => a.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(cancellationToken);
    }

    /// <summary>Adds an entry to <paramref name="context"/>; it is saved with the caller's change.</summary>
    internal static void Record(DjinnDbContext context, string actor, string action, string target, string? detail = null)
    {
        context.AuditEntries.Add(new AuditEntry
        {
            At = DateTime.UtcNow,
            Actor = Truncate(actor, 200),
            Action = action,
            Target = Truncate(target, 200),
            Detail = detail is null ? null : Truncate(detail, 1000),
        });
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
