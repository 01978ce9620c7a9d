using System.Security.Claims;
using Djinn.Admin.Web.Auth;
using Djinn.Admin.Web.Hosting;
using Djinn.Admin.Web.Services;
using Djinn.Data;
using Djinn.Data.Services;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

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
    /// nothing is stored unless it accepts it.
    /// </summary>
    private static async Task<Results<Created<VersionResponse>, ProblemHttpResult>> UploadAsync(
        string name, HttpRequest request, ModuleInspector inspector, FunctionStore functions, VersionStore versions,
        IOptions<ServerOptions> options, FunctionRuntime runtime, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxModuleBytes;
        if (request.ContentLength > options.Value.MaxRequestBodyBytes)
        {
            return Problems.TooLarge(limit);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = options.Value.MaxRequestBodyBytes;
        }

        if (!request.HasFormContentType)
        {
            return Problems.BadRequest("send multipart/form-data with the module in the file field 'module'");
        }

        if (await functions.FindAsync(name, cancellationToken) is null)
        {
            return Problems.FunctionNotFound(name);
        }

        var upload = await ReadUploadAsync(request, limit, cancellationToken);
        if (upload.Problem is not null)
        {
            return upload.Problem;
        }

        var inspection = inspector.Inspect(upload.Bytes!, upload.FileName!);
        if (!inspection.IsValid)
        {
            return Problems.BadRequest(inspection.Error!, "Invalid module");
        }

        var result = await versions.CreateAsync(
            name, new NewVersion(upload.Bytes!, upload.Notes, inspection.Imports, inspection.Exports, upload.Activate), user.Actor(), cancellationToken);
        if (result.Status != StoreStatus.Ok)
        {
            return Problems.From(result);
        }

        var function = await functions.FindAsync(name, cancellationToken);
        var version = result.Value!;
        runtime.Precompile(version.Sha256, upload.Bytes!);
        return TypedResults.Created(
            $"/api/functions/{name}/versions/{version.Number}",
            VersionResponse.From(version, function?.ActiveVersion, function?.CanaryVersion));
    }

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
        string name, int version, VersionStore versions, FunctionRuntime runtime, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = await versions.ActivateAsync(name, version, user.Actor(), cancellationToken);
        if (result.Status == StoreStatus.Ok && await versions.GetModuleAsync(name, version, cancellationToken) is { } bytes)
        {
            runtime.Precompile(result.Value!.Sha256, bytes);
        }

        return result.Status == StoreStatus.Ok
            ? TypedResults.Ok(VersionResponse.From(result.Value!, version, null))
            : Problems.From(result);
    }

    private sealed record Upload(byte[]? Bytes, string? FileName, string? Notes, bool Activate, ProblemHttpResult? Problem);

    private static async Task<Upload> ReadUploadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueLengthLimit = 16 * 1024 }, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Failed(Problems.TooLarge(limit));
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("Multipart body length limit", StringComparison.Ordinal))
        {
            return Failed(Problems.TooLarge(limit));
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Failed(Problems.BadRequest("the multipart body could not be read: " + ex.Message));
        }

        var file = form.Files.GetFile("module");
        if (file is null)
        {
            return Failed(Problems.BadRequest("the file field 'module' is missing"));
        }

        if (file.Length > limit)
        {
            return Failed(Problems.TooLarge(limit));
        }

        if (file.Length == 0)
        {
            return Failed(Problems.BadRequest("the module is empty"));
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        string? notes = form["notes"];
        if (notes is { Length: > 4000 })
        {
            return Failed(Problems.BadRequest("notes may have at most 4000 characters"));
        }

        var activate = !string.Equals(form["activate"], "false", StringComparison.OrdinalIgnoreCase);
        return new Upload(bytes, file.FileName, string.IsNullOrWhiteSpace(notes) ? null : notes, activate, null);
    }

    private static Upload Failed(ProblemHttpResult problem) => new(null, null, null, false, problem);
}
