using System.Security.Claims;

namespace Djinn.Admin.Web.Auth;

/// <summary>Claims that identify who made a change, for the audit log.</summary>
public static class ActorClaims
{
    /// <summary>Name of the token used.</summary>
    public const string TokenName = "djinn:token";

    /// <summary>Id of the token used (absent for <c>DJINN_ADMIN_TOKEN</c>).</summary>
    public const string TokenId = "djinn:token-id";

    /// <summary>The user name, e.g. <c>admin</c>.</summary>
    public static string UserName(this ClaimsPrincipal principal) =>
        principal?.Identity?.Name ?? "anonymous";

    /// <summary>The audit actor: the user and the token it used, e.g. <c>admin (token ci)</c>.</summary>
    public static string Actor(this ClaimsPrincipal principal)
    {
        var token = principal?.FindFirst(TokenName)?.Value;
        var user = principal?.UserName() ?? "anonymous";
        return token is null ? user : $"{user} (token {token})";
    }
}
