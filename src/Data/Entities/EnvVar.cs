namespace Djinn.Data.Entities;

/// <summary>A plain environment variable of a function.</summary>
public sealed class EnvVar
{
    /// <summary>Owning function.</summary>
    public int FunctionId { get; set; }

    /// <summary>Variable name (see <see cref="ConfigNames"/>).</summary>
    public string Name { get; set; } = "";

    /// <summary>Variable value.</summary>
    public string Value { get; set; } = "";
}
