using Djinn.Data.Entities;
using Microsoft.Extensions.Primitives;

namespace Djinn.Admin.Web.Gateway;

/// <summary>
/// Per-function CORS: the function's origins (one per line, <c>*</c> for any) are the only ones answered with
/// <c>Access-Control-Allow-Origin</c>. A function without origins sends no CORS headers at all.
/// </summary>
public static class CorsPolicy
{
    private const string AllowedMethods = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    /// <summary>True for a CORS preflight: OPTIONS with <c>Origin</c> and <c>Access-Control-Request-Method</c>.</summary>
    public static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method)
        && request.Headers.ContainsKey("Origin")
        && request.Headers.ContainsKey("Access-Control-Request-Method");

    /// <summary>The allowed origin to echo for this request, or null when the origin is absent or not allowed.</summary>
    public static string? AllowedOrigin(Function function, HttpRequest request)
    {
        string? origin = request.Headers.Origin;
        if (string.IsNullOrEmpty(origin) || string.IsNullOrEmpty(function.CorsOrigins))
        {
            return null;
        }

        foreach (var line in function.CorsOrigins.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line == "*" || string.Equals(line.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase))
            {
                return origin;
            }
        }

        return null;
    }

    /// <summary>Adds the headers of an actual (non-preflight) response.</summary>
    public static void Apply(HttpResponse response, string? allowedOrigin)
    {
        response.Headers.Append("Vary", "Origin");
        if (allowedOrigin is not null)
        {
            response.Headers.AccessControlAllowOrigin = allowedOrigin;
            response.Headers.AccessControlExposeHeaders = "X-Djinn-Version, traceparent, Retry-After";
        }
    }

    /// <summary>Answers a preflight: 204, with the allow headers only when the origin is allowed.</summary>
    public static IResult Preflight(HttpContext context, string? allowedOrigin)
    {
        var response = context.Response;
        response.Headers.Append("Vary", "Origin");
        if (allowedOrigin is not null)
        {
            response.Headers.AccessControlAllowOrigin = allowedOrigin;
            response.Headers.AccessControlAllowMethods = AllowedMethods;
            StringValues requested = context.Request.Headers.AccessControlRequestHeaders;
            if (!StringValues.IsNullOrEmpty(requested))
            {
                response.Headers.AccessControlAllowHeaders = requested;
            }

            response.Headers.AccessControlMaxAge = "600";
        }

        return TypedResults.NoContent();
    }
}
