using System.Text.RegularExpressions;

namespace Djinn.Data;

/// <summary>Rules for function names.</summary>
public static partial class FunctionNames
{
    /// <summary>Lower-case letters, digits and dashes, starting with a letter or digit, at most 63 characters.</summary>
    public const string Pattern = "^[a-z0-9][a-z0-9-]{0,62}$";

    /// <summary>True when <paramref name="name"/> is a valid function name.</summary>
    public static bool IsValid(string? name) => name is not null && NameRegex().IsMatch(name);

    // "\z" rather than "$": in .NET, "$" also matches before a trailing newline.
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}\\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex NameRegex();
}

/// <summary>Rules for environment variable and secret names, and custom routes.</summary>
public static partial class ConfigNames
{
    /// <summary>A POSIX-style variable name of at most 128 characters.</summary>
    public const string VariablePattern = "^[A-Za-z_][A-Za-z0-9_]{0,127}$";

    /// <summary>An absolute path of URL-safe segments, at most 200 characters, e.g. <c>/hello</c> or <c>/v1/items</c>.</summary>
    public const string RoutePattern = "^(/[A-Za-z0-9._~-]+)+/?$";

    /// <summary>Largest accepted variable or secret value, in characters.</summary>
    public const int MaxValueLength = 32 * 1024;

    /// <summary>True when <paramref name="name"/> is a valid variable or secret name.</summary>
    public static bool IsValidVariable(string? name) => name is not null && VariableRegex().IsMatch(name);

    /// <summary>True when <paramref name="route"/> is a valid custom route.</summary>
    public static bool IsValidRoute(string? route) => route is not null && route.Length <= 200 && RouteRegex().IsMatch(route);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}\\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex VariableRegex();

    [GeneratedRegex("^(/[A-Za-z0-9._~-]+)+/?\\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex RouteRegex();
}
