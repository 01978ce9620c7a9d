namespace Djinn.Data.Entities;

/// <summary>A bearer token. Only its SHA-256 is stored; the token itself is shown once.</summary>
public sealed class ApiToken
{
    /// <summary>Surrogate key, used to revoke.</summary>
    public int Id { get; set; }

    /// <summary>A label chosen by the creator.</summary>
    public string Name { get; set; } = "";

    /// <summary>The first characters of the token, to recognise it in lists.</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>The user the token acts as.</summary>
    public int UserId { get; set; }

    /// <summary>The user (navigation).</summary>
    public User? User { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When it was revoked (UTC); null while valid.</summary>
    public DateTime? RevokedAt { get; set; }
}
