using System.Security.Claims;
using System.Text.Encodings.Web;
using Djinn.Data.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Djinn.Admin.Web.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the hashed API tokens and the optional
/// <c>DJINN_ADMIN_TOKEN</c>, and <c>Authorization: Basic</c> with a user's password (how the first token is created,
/// e.g. <c>curl -u admin:PASSWORD -X POST .../api/tokens</c>). Challenges answer 401 with a ProblemDetails body.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TokenStore tokens,
    UserStore users,
    AdminToken adminToken,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (!string.IsNullOrEmpty(header) && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return await AuthenticateWithPasswordAsync(header["Basic ".Length..].Trim());
        }
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0)
        {
            return AuthenticateResult.Fail("empty bearer token");
        }

        if (adminToken.Matches(token))
        {
            return Success(UserStore.AdminUserName, AdminToken.Key, tokenId: null);
        }

        var info = await tokens.ValidateAsync(token, Context.RequestAborted);
        return info is null
            ? AuthenticateResult.Fail("unknown or revoked token")
            : Success(info.UserName, info.Name, info.Id);
    }

    private async Task<AuthenticateResult> AuthenticateWithPasswordAsync(string encoded)
    {
        string decoded;
        try
        {
            decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("malformed basic credentials");
        }
        int colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return AuthenticateResult.Fail("malformed basic credentials");
        var user = await users.VerifyPasswordAsync(decoded[..colon], decoded[(colon + 1)..], Context.RequestAborted);
        return user is null
            ? AuthenticateResult.Fail("wrong user name or password")
            : Success(user.UserName, "password", tokenId: null);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", "A valid bearer token is required.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This token may not do that.");

    private AuthenticateResult Success(string userName, string tokenName, int? tokenId)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, userName),
            new(ActorClaims.TokenName, tokenName),
        };
        if (tokenId is not null)
        {
            claims.Add(new Claim(ActorClaims.TokenId, tokenId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
