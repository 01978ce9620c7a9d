using Djinn.Engine.Functions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Djinn.Admin.Web.Gateway;

/// <summary>
/// Turns invocation results into HTTP: the function's own response, or a ProblemDetails for each failure
/// (trap 500, timeout 504, out of fuel 500, bad contract output 502). Error bodies name the trap code and never carry
/// the guest's environment or secrets.
/// </summary>
public static class GatewayResponses
{
    private static readonly HashSet<string> _reservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Trailer", "TE",
        "Proxy-Connection", GatewayHeaders.Version, TraceContext.Header,
    };

    /// <summary>
    /// The Content-Security-Policy added to every function response. Functions are served from the console's origin, so
    /// a page a function returns runs in a sandbox with an opaque origin: its scripts run, but it cannot read the
    /// console's pages or send the console's cookie. A policy the function sets itself is kept beside it, and browsers
    /// enforce both, so a function can only tighten this.
    /// </summary>
    public const string SandboxPolicy = "sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads";

    /// <summary>The HTTP status for an outcome.</summary>
    public static int StatusOf(InvocationResult result) => result.Outcome switch
    {
        FunctionOutcome.Success => result.Response!.Status,
        FunctionOutcome.Timeout => StatusCodes.Status504GatewayTimeout,
        FunctionOutcome.BadResponse => StatusCodes.Status502BadGateway,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The function's response, or the ProblemDetails for its failure.</summary>
    public static IResult From(InvocationResult result, string function, int version, string invocationId, IReadOnlyDictionary<string, string> environment)
    {
        if (result.Outcome == FunctionOutcome.Success)
        {
            return new FunctionResult(result.Response!);
        }

        var (title, fallback) = result.Outcome switch
        {
            FunctionOutcome.Timeout => ("Function timed out", "the function did not finish within its timeout"),
            FunctionOutcome.OutOfFuel => ("Function ran out of fuel", "the function used up its instruction budget"),
            FunctionOutcome.BadResponse => ("Bad function response", "the function's output is not a valid contract response"),
            _ => ("Function failed", "the function trapped"),
        };
        var extensions = new Dictionary<string, object?>
        {
            ["function"] = function,
            ["version"] = version,
            ["invocationId"] = invocationId,
            ["outcome"] = result.Outcome.ToString(),
        };
        if (result.Trap is { } trap)
        {
            extensions["trap"] = trap.ToString();
        }

        var detail = Scrub(result.Error ?? fallback, environment);
        return TypedResults.Problem(detail, statusCode: StatusOf(result), title: title, extensions: extensions);
    }

    /// <summary>A gateway rejection (404, 401, 413, 429, 503) as ProblemDetails.</summary>
    public static ProblemHttpResult Reject(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);

    /// <summary>Replaces every environment or secret value found in <paramref name="text"/> (values of 4+ characters).</summary>
    public static string Scrub(string text, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var value in environment.Values)
        {
            if (value.Length >= 4 && text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }

    private sealed class FunctionResult(FunctionResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var http = httpContext.Response;
            http.StatusCode = response.Status;
            foreach (var (name, values) in response.Headers)
            {
                if (_reservedHeaders.Contains(name) || values.Length == 0 || !IsValidHeaderName(name))
                {
                    continue;
                }

                try
                {
                    http.Headers[name] = string.Equals(name, HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase)
                        ? values.Where(v => !SetsServerCookie(v)).ToArray()
                        : values;
                }
                catch (InvalidOperationException)
                {
                    // Kestrel refuses control characters in header values; such a header is dropped, not fatal.
                }
            }

            http.Headers.Append(HeaderNames.ContentSecurityPolicy, SandboxPolicy);
            if (response.Body.Length > 0 && !HttpMethods.IsHead(httpContext.Request.Method)
                && response.Status is not (StatusCodes.Status204NoContent or StatusCodes.Status304NotModified))
            {
                http.ContentLength = response.Body.Length;
                await http.Body.WriteAsync(response.Body, httpContext.RequestAborted);
            }
        }

        /// <summary>True when a Set-Cookie value names one of the server's own cookies (the console's, antiforgery).</summary>
        private static bool SetsServerCookie(string setCookie)
        {
            var name = setCookie.AsSpan().TrimStart();
            return name.StartsWith("djinn.", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith(".AspNetCore.", StringComparison.OrdinalIgnoreCase);
        }

        private static bool IsValidHeaderName(string name)
        {
            if (name.Length == 0)
            {
                return false;
            }

            foreach (var c in name)
            {
                if (c <= ' ' || c >= 127 || c == ':' || c == '(' || c == ')' || c == ',' || c == '"' || c == '/' || c == '\\')
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>Header names of the gateway.</summary>
public static class GatewayHeaders
{
    /// <summary>Request: pin a version; response: the version that ran.</summary>
    public const string Version = "X-Djinn-Version";
}
