using System.Security.Claims;
using System.Text.Encodings.Web;
using Djinn.Data.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Djinn.Admin.Web.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the hashed API tokens and the optional
/// <c>DJINN_ADMIN_TOKEN</c>. Challenges answer 401 with a ProblemDetails body.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TokenStore tokens,
    AdminToken adminToken,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
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
