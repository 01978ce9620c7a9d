using System.Globalization;
using System.Text.Json;
using Djinn.Data.Entities;
using Djinn.Data.Services;

namespace Djinn.Admin.Web.Components.Pages.Functions.Detail;

/// <summary>One row of the Versions tab.</summary>
/// <param name="Number">The version number.</param>
/// <param name="Sha256">The full lower-case hex sha256.</param>
/// <param name="Size">The module size in bytes.</param>
/// <param name="CreatedAt">Upload time (UTC).</param>
/// <param name="CreatedBy">Who uploaded it.</param>
/// <param name="Notes">Upload notes.</param>
/// <param name="Imports">Imports as <c>module.name</c>.</param>
/// <param name="Exports">Export names.</param>
/// <param name="IsActive">It serves traffic.</param>
/// <param name="IsCanary">It receives the canary share.</param>
public sealed record VersionRow(
    int Number, string Sha256, long Size, DateTime CreatedAt, string CreatedBy, string? Notes,
    IReadOnlyList<string> Imports, IReadOnlyList<string> Exports, bool IsActive, bool IsCanary)
{
    /// <summary>The first 12 hex digits of the hash, as shown in the list (the full hash is the tooltip).</summary>
    public string ShortHash => Sha256.Length <= 12 ? Sha256 : Sha256[..12];

    /// <summary>The size in B, KiB or MiB.</summary>
    public string SizeText => VersionRows.FormatSize(Size);

    /// <summary>Upload time as <c>yyyy-MM-dd HH:mm:ss UTC</c>.</summary>
    public string CreatedText => CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}

/// <summary>Mapping and formatting used by the Versions tab.</summary>
public static class VersionRows
{
    /// <summary>Rows for a function's versions, newest first.</summary>
    public static IReadOnlyList<VersionRow> From(Function function, IEnumerable<FunctionVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(versions);
        return versions.OrderByDescending(v => v.Number).Select(v => new VersionRow(
            v.Number, v.Sha256, v.Size, v.CreatedAt, v.CreatedBy, v.Notes,
            VersionStore.ParseItems(v.ImportsJson).Select(i => $"{i.Module}.{i.Name}").ToList(),
            VersionStore.ParseItems(v.ExportsJson).Select(e => e.Name).ToList(),
            v.Number == function.ActiveVersion, v.Number == function.CanaryVersion)).ToList();
    }

    /// <summary>A byte count for people: <c>512 B</c>, <c>1.5 KiB</c>, <c>2.0 MiB</c>.</summary>
    public static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
    };

    /// <summary>
    /// The number of the version the upload endpoint created, from its JSON answer; null when the answer is something
    /// else (for example the login page after the console session expired).
    /// </summary>
    public static int? UploadedVersion(string? response)
    {
        try
        {
            using var json = JsonDocument.Parse(response ?? "");
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("version", out var version) && version.TryGetInt32(out var number)
                ? number
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The message of a refused upload from the server's answer: the ProblemDetails title and detail (for a rejected
    /// module, the engine's error), or the raw text when it is not a ProblemDetails.
    /// </summary>
    public static string UploadError(string? response)
    {
        if (string.IsNullOrWhiteSpace(response))
        {
            return "The upload failed: the server did not answer.";
        }

        try
        {
            using var json = JsonDocument.Parse(response);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            {
                var title = json.RootElement.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "Upload refused";
                return $"{title}: {detail.GetString()}";
            }
        }
        catch (JsonException)
        {
            // Not ProblemDetails (a proxy's error page, for example): shown as it is, shortened.
        }

        return response.Length <= 500 ? response : response[..500] + "…";
    }
}
