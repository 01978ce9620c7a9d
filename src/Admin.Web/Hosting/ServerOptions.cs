namespace Djinn.Admin.Web.Hosting;

/// <summary>Server settings from the <c>Djinn</c> configuration section (e.g. <c>Djinn__MaxModuleBytes</c>).</summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Djinn";

    /// <summary>Room for multipart boundaries, headers and the notes field on top of the module itself.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    /// <summary>Largest accepted module upload in bytes. Default 16 MiB.</summary>
    public long MaxModuleBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest accepted request body: a module plus the multipart overhead.</summary>
    public long MaxRequestBodyBytes => MaxModuleBytes + FormOverheadBytes;
}
