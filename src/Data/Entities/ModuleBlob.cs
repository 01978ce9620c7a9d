namespace Djinn.Data.Entities;

/// <summary>Module bytes addressed by their SHA-256; shared by every version with the same content.</summary>
public sealed class ModuleBlob
{
    /// <summary>Lower-case hex SHA-256 of <see cref="Bytes"/>; the primary key.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The module as uploaded (binary <c>.wasm</c> or <c>.wat</c> text).</summary>
    public byte[] Bytes { get; set; } = [];

    /// <summary>Length of <see cref="Bytes"/>.</summary>
    public long Size { get; set; }

    /// <summary>When the content was first stored (UTC).</summary>
    public DateTime CreatedAt { get; set; }
}
