using Djinn.Admin.Web.Api;
using Djinn.Admin.Web.Hosting;
using Djinn.Data;
using Djinn.Data.Entities;
using Djinn.Data.Services;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Djinn.Admin.Web.Services;

/// <summary>A module upload as read from a request.</summary>
/// <param name="Bytes">The module exactly as sent.</param>
/// <param name="FileName">The file name (it only names the module in engine messages).</param>
/// <param name="Notes">Optional notes.</param>
/// <param name="Activate">Switch traffic to the new version (the first version is always activated).</param>
public sealed record VersionUpload(byte[] Bytes, string FileName, string? Notes, bool Activate = true);

/// <summary>
/// Uploads and activates versions, for the REST API and the console alike. An upload reads the multipart body, lets
/// the engine decode, validate and compile the module, stores it only when the engine accepts it, and compiles it into
/// the gateway's cache.
/// </summary>
public sealed class VersionUploader(
    ModuleInspector inspector, FunctionStore functions, VersionStore versions, FunctionRuntime runtime, IOptions<ServerOptions> options)
{
    /// <summary>Longest accepted notes.</summary>
    public const int MaxNotesLength = 4000;

    /// <summary>
    /// Multipart upload: file field <c>module</c> (.wasm or .wat), optional <c>notes</c> and <c>activate=false</c> fields,
    /// which may also be query parameters (the console's upload component only sends the file).
    /// </summary>
    public async Task<Results<Created<VersionResponse>, ProblemHttpResult>> UploadAsync(
        string name, HttpRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
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

        var (upload, problem) = await ReadAsync(request, limit, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var stored = await StoreAsync(name, upload!, actor, cancellationToken);
        return stored.Problem is { } refused
            ? refused
            : TypedResults.Created($"/api/functions/{name}/versions/{stored.Version!.Version}", stored.Version);
    }

    /// <summary>
    /// Checks <paramref name="upload"/> with the engine and stores it as the next version. When the engine rejects the
    /// module, the problem carries the engine's message and nothing is stored.
    /// </summary>
    public async Task<(VersionResponse? Version, ProblemHttpResult? Problem)> StoreAsync(
        string name, VersionUpload upload, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Bytes.LongLength > options.Value.MaxModuleBytes)
        {
            return (null, Problems.TooLarge(options.Value.MaxModuleBytes));
        }

        if (upload.Bytes.Length == 0)
        {
            return (null, Problems.BadRequest("the module is empty"));
        }

        if (upload.Notes is { Length: > MaxNotesLength })
        {
            return (null, Problems.BadRequest($"notes may have at most {MaxNotesLength} characters"));
        }

        var inspection = inspector.Inspect(upload.Bytes, upload.FileName);
        if (!inspection.IsValid)
        {
            return (null, Problems.BadRequest(inspection.Error!, "Invalid module"));
        }

        var notes = string.IsNullOrWhiteSpace(upload.Notes) ? null : upload.Notes;
        var result = await versions.CreateAsync(
            name, new NewVersion(upload.Bytes, notes, inspection.Imports, inspection.Exports, upload.Activate), actor, cancellationToken);
        if (result.Status != StoreStatus.Ok)
        {
            return (null, Problems.From(result));
        }

        var version = result.Value!;
        runtime.Precompile(version.Sha256, upload.Bytes);
        var function = await functions.FindAsync(name, cancellationToken);
        return (VersionResponse.From(version, function?.ActiveVersion, function?.CanaryVersion), null);
    }

    /// <summary>Makes <paramref name="number"/> the active version (rollback) and compiles it into the gateway's cache.</summary>
    public async Task<StoreResult<FunctionVersion>> ActivateAsync(string name, int number, string actor, CancellationToken cancellationToken)
    {
        var result = await versions.ActivateAsync(name, number, actor, cancellationToken);
        if (result.Status == StoreStatus.Ok && await versions.GetModuleAsync(name, number, cancellationToken) is { } bytes)
        {
            runtime.Precompile(result.Value!.Sha256, bytes);
        }

        return result;
    }

    private static async Task<(VersionUpload? Upload, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueLengthLimit = 16 * 1024 }, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge(limit));
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("Multipart body length limit", StringComparison.Ordinal))
        {
            return (null, Problems.TooLarge(limit));
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, Problems.BadRequest("the multipart body could not be read: " + ex.Message));
        }

        var file = form.Files.GetFile("module");
        if (file is null)
        {
            return (null, Problems.BadRequest("the file field 'module' is missing"));
        }

        if (file.Length > limit)
        {
            return (null, Problems.TooLarge(limit));
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        string? notes = Field(form, request, "notes");
        var activate = !string.Equals(Field(form, request, "activate"), "false", StringComparison.OrdinalIgnoreCase);
        return (new VersionUpload(bytes, file.FileName, notes, activate), null);
    }

    private static string? Field(IFormCollection form, HttpRequest request, string key) =>
        form.TryGetValue(key, out var value) ? value.ToString()
        : request.Query.TryGetValue(key, out var query) ? query.ToString()
        : null;
}
