using Djinn.Data.Entities;
using Djinn.Data.Services;

namespace Djinn.Admin.Web.Api;

/// <summary>Body of <c>POST /api/functions</c>.</summary>
public sealed record CreateFunctionRequest(string? Name, string? Route, FunctionMode? Mode, FunctionAuth? Auth, string[]? CorsOrigins);

/// <summary>Body of <c>PATCH /api/functions/{name}</c>: absent fields stay; an empty route clears it; canaryVersion 0 clears the canary.</summary>
public sealed record UpdateFunctionRequest(string? Route, FunctionMode? Mode, FunctionAuth? Auth, string[]? CorsOrigins, int? CanaryVersion, int? CanaryPercent);

/// <summary>A function as the API shows it.</summary>
public sealed record FunctionResponse(
    string Name, string? Route, FunctionMode Mode, FunctionAuth Auth, string[] CorsOrigins,
    int? ActiveVersion, int? CanaryVersion, int CanaryPercent, DateTime CreatedAt, DateTime UpdatedAt)
{
    /// <summary>Maps an entity.</summary>
    public static FunctionResponse From(Function f) => new(
        f.Name, f.Route, f.Mode, f.Auth,
        f.CorsOrigins.Split('\n', StringSplitOptions.RemoveEmptyEntries),
        f.ActiveVersion, f.CanaryVersion, f.CanaryPercent, f.CreatedAt, f.UpdatedAt);
}

/// <summary>A version as the API shows it.</summary>
public sealed record VersionResponse(
    int Version, string Sha256, long Size, string? Notes, DateTime CreatedAt, string CreatedBy,
    bool Active, bool Canary, IReadOnlyList<ModuleItem> Imports, IReadOnlyList<ModuleItem> Exports)
{
    /// <summary>Maps an entity, given the owning function's pointers.</summary>
    public static VersionResponse From(FunctionVersion v, int? active, int? canary) => new(
        v.Number, v.Sha256, v.Size, v.Notes, v.CreatedAt, v.CreatedBy, v.Number == active, v.Number == canary,
        VersionStore.ParseItems(v.ImportsJson), VersionStore.ParseItems(v.ExportsJson));
}

/// <summary>Body of <c>PUT /api/functions/{name}/secrets/{key}</c>.</summary>
public sealed record SetSecretRequest(string? Value);

/// <summary>Limits as read and written by the API. In a PUT, absent fields keep their current value.</summary>
public sealed record LimitsModel(
    long? TimeoutMs, long? MemoryMb, long? Fuel, long? MaxConcurrency,
    long? MaxRequestBytes, long? MaxResponseBytes, long? RateLimitPerSecond, long? RateLimitBurst)
{
    /// <summary>Maps an entity.</summary>
    public static LimitsModel From(FunctionLimits l) => new(
        l.TimeoutMs, l.MemoryMb, l.Fuel, l.MaxConcurrency, l.MaxRequestBytes, l.MaxResponseBytes, l.RateLimitPerSecond, l.RateLimitBurst);
}

/// <summary>Body of <c>POST /api/tokens</c>.</summary>
public sealed record CreateTokenRequest(string? Name);

/// <summary>A token as listed: never the token itself.</summary>
public sealed record TokenResponse(int Id, string Name, string Prefix, string User, DateTime CreatedAt, DateTime? RevokedAt, bool Revoked)
{
    /// <summary>Maps store metadata.</summary>
    public static TokenResponse From(TokenInfo t) => new(t.Id, t.Name, t.Prefix, t.UserName, t.CreatedAt, t.RevokedAt, t.RevokedAt is not null);
}

/// <summary>Answer to <c>POST /api/tokens</c>: the only time the token is shown.</summary>
public sealed record CreatedTokenResponse(int Id, string Name, string Prefix, string Token, DateTime CreatedAt);

/// <summary>One audit entry.</summary>
public sealed record AuditResponse(long Id, DateTime At, string Actor, string Action, string Target, string? Detail)
{
    /// <summary>Maps an entity.</summary>
    public static AuditResponse From(AuditEntry a) => new(a.Id, a.At, a.Actor, a.Action, a.Target, a.Detail);
}
