using System.Security.Claims;
using Djinn.Admin.Web.Auth;
using Djinn.Data;
using Djinn.Data.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Djinn.Admin.Web.Api;

/// <summary><c>/api/functions</c>: create, list, read, change and delete functions.</summary>
public static class FunctionEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapFunctionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/functions");
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{name}", GetAsync);
        group.MapPatch("/{name}", UpdateAsync);
        group.MapDelete("/{name}", DeleteAsync);
        return api;
    }

    private static async Task<Results<Created<FunctionResponse>, ProblemHttpResult>> CreateAsync(
        CreateFunctionRequest request, FunctionStore functions, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!FunctionNames.IsValid(request.Name))
        {
            return Problems.BadRequest($"name must match {FunctionNames.Pattern}", "Invalid function name");
        }

        var changes = new FunctionChanges(request.Route, request.Mode, request.Auth, request.CorsOrigins);
        var result = await functions.CreateAsync(request.Name!, changes, user.Actor(), cancellationToken);
        return result.Status == StoreStatus.Ok
            ? TypedResults.Created($"/api/functions/{request.Name}", FunctionResponse.From(result.Value!))
            : Problems.From(result);
    }

    private static async Task<Ok<FunctionResponse[]>> ListAsync(FunctionStore functions, CancellationToken cancellationToken)
    {
        var list = await functions.ListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(FunctionResponse.From).ToArray());
    }

    private static async Task<Results<Ok<FunctionResponse>, ProblemHttpResult>> GetAsync(
        string name, FunctionStore functions, CancellationToken cancellationToken)
    {
        var function = await functions.FindAsync(name, cancellationToken);
        return function is null ? Problems.FunctionNotFound(name) : TypedResults.Ok(FunctionResponse.From(function));
    }

    private static async Task<Results<Ok<FunctionResponse>, ProblemHttpResult>> UpdateAsync(
        string name, UpdateFunctionRequest request, FunctionStore functions, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var changes = new FunctionChanges(request.Route, request.Mode, request.Auth, request.CorsOrigins, request.CanaryVersion, request.CanaryPercent);
        var result = await functions.UpdateAsync(name, changes, user.Actor(), cancellationToken);
        return result.Status == StoreStatus.Ok ? TypedResults.Ok(FunctionResponse.From(result.Value!)) : Problems.From(result);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string name, FunctionStore functions, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        return await functions.DeleteAsync(name, user.Actor(), cancellationToken)
            ? TypedResults.NoContent()
            : Problems.FunctionNotFound(name);
    }
}
