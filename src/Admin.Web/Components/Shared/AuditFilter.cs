using Djinn.Data.Entities;

namespace Djinn.Admin.Web.Components.Shared;

/// <summary>Filtering and links of the audit log page.</summary>
public static class AuditFilter
{
    /// <summary>Entries whose target and actor contain the given texts (ignoring case); a blank text matches all.</summary>
    public static IReadOnlyList<AuditEntry> Apply(IReadOnlyList<AuditEntry> entries, string? target, string? actor)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var t = string.IsNullOrWhiteSpace(target) ? null : target.Trim();
        var a = string.IsNullOrWhiteSpace(actor) ? null : actor.Trim();
        if (t is null && a is null)
        {
            return entries;
        }

        return entries.Where(e => (t is null || e.Target.Contains(t, StringComparison.OrdinalIgnoreCase))
            && (a is null || e.Actor.Contains(a, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    /// <summary>The console page of a target such as <c>function/hello</c> (<c>functions/hello</c>), or null when it has none.</summary>
    public static string? LinkOf(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        const string function = "function/";
        if (target.StartsWith(function, StringComparison.Ordinal) && target.Length > function.Length)
        {
            var name = target[function.Length..];
            var end = name.IndexOf('/', StringComparison.Ordinal);
            return "functions/" + Uri.EscapeDataString(end < 0 ? name : name[..end]);
        }

        return target.StartsWith("token/", StringComparison.Ordinal) ? "tokens" : null;
    }
}
