using System.Security.Claims;
using Djinn.Admin.Web.Auth;
using Djinn.Admin.Web.Services;
using Djinn.Data;
using Djinn.Data.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Djinn.Admin.Web.Api;

/// <summary><c>/api/functions/{name}/versions</c>: upload, list and activate (roll back) versions.</summary>
public static class VersionEndpoints
{
    /// <summary>Maps the routes.</summary>
    public static RouteGroupBuilder MapVersionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/functions/{name}/versions");
        group.MapPost("/", UploadAsync);
        group.MapGet("/", ListAsync);
        group.MapPost("/{version:int}/activate", ActivateAsync);
        return api;
    }

    /// <summary>
    /// Multipart upload: file field <c>module</c> (.wasm or .wat), optional <c>notes</c>, optional
    /// <c>activate=false</c> to store without switching traffic. The engine checks the module first;
    /// nothing is stored unless it accepts it (see <see cref="VersionUploader"/>, shared with the console).
    /// </summary>
    private static Task<Results<Created<VersionResponse>, ProblemHttpResult>> UploadAsync(
        string name, HttpRequest request, VersionUploader uploader, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        uploader.UploadAsync(name, request, user.Actor(), cancellationToken);

    private static async Task<Results<Ok<VersionResponse[]>, ProblemHttpResult>> ListAsync(
        string name, VersionStore versions, CancellationToken cancellationToken)
    {
        var list = await versions.ListAsync(name, cancellationToken);
        if (list is not { } found)
        {
            return Problems.FunctionNotFound(name);
        }

        return TypedResults.Ok(found.Versions
            .Select(v => VersionResponse.From(v, found.Function.ActiveVersion, found.Function.CanaryVersion))
            .ToArray());
    }

    private static async Task<Results<Ok<VersionResponse>, ProblemHttpResult>> ActivateAsync(
        string name, int version, VersionUploader uploader, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await uploader.ActivateAsync(name, version, user.Actor(), cancellationToken);
        return result.Status == StoreStatus.Ok
            ? TypedResults.Ok(VersionResponse.From(result.Value!, version, null))
            : Problems.From(result);
    }
}
