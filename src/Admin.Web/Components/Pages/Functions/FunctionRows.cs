using Djinn.Admin.Web.Components.Shared;
using Djinn.Admin.Web.Telemetry;
using Djinn.Data;
using Djinn.Data.Entities;

namespace Djinn.Admin.Web.Components.Pages.Functions;

/// <summary>One row of the functions list, with its live figures (invocations per minute, error rate: null when idle).</summary>
public sealed record FunctionRow(string Name, string Route, int? ActiveVersion, string Mode, double RequestsPerMinute = 0, double? ErrorRate = null)
{
    /// <summary>The row for <paramref name="function"/>; a function without a custom route is served at <c>/fn/{name}</c>.</summary>
    public static FunctionRow From(Function function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var route = string.IsNullOrEmpty(function.Route) ? "/fn/" + function.Name : function.Route;
        return new FunctionRow(function.Name, route, function.ActiveVersion, function.Mode.ToString().ToLowerInvariant());
    }
}

/// <summary>Search and validation used by the functions list.</summary>
public static class FunctionRows
{
    /// <summary>Rows whose name or route contains <paramref name="search"/> (case-insensitive); all rows when it is blank.</summary>
    public static IReadOnlyList<FunctionRow> Filter(IReadOnlyList<FunctionRow> rows, string? search)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (string.IsNullOrWhiteSpace(search))
        {
            return rows;
        }

        var term = search.Trim();
        return rows.Where(r => r.Name.Contains(term, StringComparison.OrdinalIgnoreCase)
            || r.Route.Contains(term, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The rows with the live figures of <paramref name="snapshot"/> (idle functions get zero and no error rate).</summary>
    public static IReadOnlyList<FunctionRow> WithLive(IReadOnlyList<FunctionRow> rows, LiveSnapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Select(r =>
        {
            var figures = LiveSeries.FiguresOf(snapshot, r.Name);
            return r with { RequestsPerMinute = figures.RequestsPerSecond * 60, ErrorRate = figures.Requests == 0 ? null : figures.ErrorRate };
        }).ToList();
    }

    /// <summary>A message when <paramref name="name"/> is not a valid function name (as in the API); otherwise null.</summary>
    public static string? ValidateName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Enter a function name."
        : FunctionNames.IsValid(name) ? null
        : $"Use lower-case letters, digits and dashes, starting with a letter or digit (at most 63 characters): {FunctionNames.Pattern}";
}
