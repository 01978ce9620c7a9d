namespace Djinn.Data.Entities;

/// <summary>
/// A secret environment variable. Only the Data Protection ciphertext is stored; the plain
/// value is never read back out through the admin surface.
/// </summary>
public sealed class Secret
{
    /// <summary>Owning function.</summary>
    public int FunctionId { get; set; }

    /// <summary>Variable name (see <see cref="ConfigNames"/>).</summary>
    public string Name { get; set; } = "";

    /// <summary>The value protected with ASP.NET Core Data Protection.</summary>
    public string Ciphertext { get; set; } = "";

    /// <summary>When it was first set (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When it was last set (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
}
