namespace Djinn.Data.Entities;

/// <summary>One administrative change: who did what to which target, and when. Never holds secret values.</summary>
public sealed class AuditEntry
{
    /// <summary>Surrogate key; increases with time.</summary>
    public long Id { get; set; }

    /// <summary>When it happened (UTC).</summary>
    public DateTime At { get; set; }

    /// <summary>Who did it (user name, with the token name when a token was used).</summary>
    public string Actor { get; set; } = "";

    /// <summary>What was done, e.g. <c>function.create</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>What it was done to, e.g. <c>function/hello</c>.</summary>
    public string Target { get; set; } = "";

    /// <summary>Optional non-secret detail, e.g. a version number or a variable name.</summary>
    public string? Detail { get; set; }
}
