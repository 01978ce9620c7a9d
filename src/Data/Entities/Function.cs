namespace Djinn.Data.Entities;

/// <summary>How a function talks to its caller.</summary>
public enum FunctionMode
{
    /// <summary>The JSON request/response contract (see ARCHITECTURE.md).</summary>
    Json,

    /// <summary>The request body on stdin, the response body on stdout.</summary>
    Raw,
}

/// <summary>Who may invoke a function through the gateway.</summary>
public enum FunctionAuth
{
    /// <summary>Anyone.</summary>
    Public,

    /// <summary>Only callers presenting a valid API token.</summary>
    Token,
}

/// <summary>A named function. Its code lives in immutable <see cref="FunctionVersion"/>s.</summary>
public sealed class Function
{
    /// <summary>Surrogate key.</summary>
    public int Id { get; set; }

    /// <summary>Unique name matching <see cref="FunctionNames.Pattern"/>; never changes.</summary>
    public string Name { get; set; } = "";

    /// <summary>Optional custom route (e.g. <c>/hello</c>); null means the default route.</summary>
    public string? Route { get; set; }

    /// <summary>JSON contract or raw I/O.</summary>
    public FunctionMode Mode { get; set; } = FunctionMode.Json;

    /// <summary>Whether the gateway requires a token.</summary>
    public FunctionAuth Auth { get; set; } = FunctionAuth.Public;

    /// <summary>Allowed CORS origins, one per line; empty means no CORS headers.</summary>
    public string CorsOrigins { get; set; } = "";

    /// <summary>Number of the version that serves traffic; null until the first upload.</summary>
    public int? ActiveVersion { get; set; }

    /// <summary>Number of a second version that receives <see cref="CanaryPercent"/> of traffic, if any.</summary>
    public int? CanaryVersion { get; set; }

    /// <summary>Share of traffic (0–100) sent to <see cref="CanaryVersion"/>.</summary>
    public int CanaryPercent { get; set; }

    /// <summary>When the function was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When the function or its configuration last changed (UTC).</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>All versions, oldest first by number.</summary>
    public List<FunctionVersion> Versions { get; set; } = [];

    /// <summary>Plain environment variables.</summary>
    public List<EnvVar> EnvVars { get; set; } = [];

    /// <summary>Encrypted secrets.</summary>
    public List<Secret> Secrets { get; set; } = [];

    /// <summary>Resource limits; created together with the function.</summary>
    public FunctionLimits? Limits { get; set; }
}
