using System.Text.Json;
using Djinn.Admin.Web.Services;

namespace Djinn.Admin.Web.Components.Pages.Functions.Detail;

/// <summary>One editable header row of the Test tab.</summary>
public sealed class HeaderRow
{
    /// <summary>The header name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The header value.</summary>
    public string Value { get; set; } = "";
}

/// <summary>Choices and formatting of the Test tab.</summary>
public static class TestRequests
{
    /// <summary>The methods offered.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    private static readonly JsonSerializerOptions _indented = new() { WriteIndented = true };

    /// <summary>The request for the form's values; rows without a name are skipped.</summary>
    public static TestRequest Build(string method, string? path, IEnumerable<HeaderRow> headers, string? body, int? version) =>
        new(method, path ?? "/", headers.Where(h => !string.IsNullOrWhiteSpace(h.Name))
            .Select(h => new KeyValuePair<string, string>(h.Name.Trim(), h.Value)).ToList(), body ?? "", version);

    /// <summary>The body as shown: JSON indented when the response says it is JSON and it parses, otherwise as it is.</summary>
    public static string FormatBody(TestResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var isJson = response.Headers.Any(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)
            && h.Value.Contains("json", StringComparison.OrdinalIgnoreCase));
        if (!isJson || string.IsNullOrWhiteSpace(response.Body))
        {
            return response.Body;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return JsonSerializer.Serialize(document.RootElement, _indented);
        }
        catch (JsonException)
        {
            return response.Body;
        }
    }
}
