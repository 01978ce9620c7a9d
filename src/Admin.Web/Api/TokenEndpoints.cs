using System.Security.Claims;
using Djinn.Admin.Web.Auth;
using Djinn.Data;
using Djinn.Data.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Djinn.Admin.Web.Api;

/// <summary><c>/api/tokens</c>: list token metadata, create a token (shown once), revoke a token.</summary>
public static class TokenEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapTokenEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tokens");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapDelete("/{id:int}", RevokeAsync);
        return api;
    }

    private static async Task<Ok<TokenResponse[]>> ListAsync(TokenStore tokens, CancellationToken cancellationToken)
    {
        var list = await tokens.ListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(TokenResponse.From).ToArray());
    }

    private static async Task<Results<Created<CreatedTokenResponse>, ProblemHttpResult>> CreateAsync(
        CreateTokenRequest request, TokenStore tokens, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await tokens.CreateAsync(user.UserName(), request.Name ?? "", user.Actor(), cancellationToken);
        if (result.Status != StoreStatus.Ok)
        {
            return Problems.From(result);
        }

        var (info, token) = result.Value;
        return TypedResults.Created($"/api/tokens/{info.Id}", new CreatedTokenResponse(info.Id, info.Name, info.Prefix, token, info.CreatedAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        int id, TokenStore tokens, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        return await tokens.RevokeAsync(id, user.Actor(), cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"token {id} does not exist");
    }
}
