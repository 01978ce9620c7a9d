namespace Djinn.Data.Entities;

/// <summary>
/// One immutable upload of a function's module. The bytes live in a shared, content-addressed
/// <see cref="ModuleBlob"/>, so identical uploads store the bytes once.
/// </summary>
public sealed class FunctionVersion
{
    /// <summary>Surrogate key.</summary>
    public int Id { get; set; }

    /// <summary>Owning function.</summary>
    public int FunctionId { get; set; }

    /// <summary>Owning function (navigation).</summary>
    public Function? Function { get; set; }

    /// <summary>Per-function number: 1, 2, 3…</summary>
    public int Number { get; set; }

    /// <summary>Lower-case hex SHA-256 of the module bytes; the key of the blob.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The content (navigation).</summary>
    public ModuleBlob? Blob { get; set; }

    /// <summary>Module size in bytes.</summary>
    public long Size { get; set; }

    /// <summary>Free text supplied at upload.</summary>
    public string? Notes { get; set; }

    /// <summary>When it was uploaded (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Who uploaded it.</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>The module's imports as read by the engine, as a JSON array.</summary>
    public string ImportsJson { get; set; } = "[]";

    /// <summary>The module's exports as read by the engine, as a JSON array.</summary>
    public string ExportsJson { get; set; } = "[]";
}
