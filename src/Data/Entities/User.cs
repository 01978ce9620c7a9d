namespace Djinn.Data.Entities;

/// <summary>An operator account. Passwords are hashed with <c>PasswordHasher&lt;User&gt;</c>.</summary>
public sealed class User
{
    /// <summary>Surrogate key.</summary>
    public int Id { get; set; }

    /// <summary>Unique login name.</summary>
    public string UserName { get; set; } = "";

    /// <summary>The PasswordHasher output (PBKDF2, versioned format).</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Whether the user may manage everything.</summary>
    public bool IsAdmin { get; set; }

    /// <summary>When the account was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }
}
