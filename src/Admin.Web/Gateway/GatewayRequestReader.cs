using System.Buffers;
using Djinn.Engine.Functions;
using Microsoft.AspNetCore.Http.Features;

namespace Djinn.Admin.Web.Gateway;

/// <summary>Reads an incoming HTTP request into the function host's <see cref="FunctionRequest"/>.</summary>
public static class GatewayRequestReader
{
    /// <summary>
    /// Reads the whole body, at most <paramref name="limit"/> bytes; null when it is larger (413). A declared
    /// Content-Length over the limit is refused before anything is read.
    /// </summary>
    public static ValueTask<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context, long limit)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (request.ContentLength is { } declared && declared > limit)
        {
            return ValueTask.FromResult<ReadOnlyMemory<byte>?>(null);
        }

        // Most gateway requests (GET, HEAD, bodiless POSTs) have no body: nothing to read or allocate.
        if (request.ContentLength == 0 || context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return ValueTask.FromResult<ReadOnlyMemory<byte>?>(ReadOnlyMemory<byte>.Empty);
        }

        return new ValueTask<ReadOnlyMemory<byte>?>(ReadAllAsync(context, limit));
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadAllAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // The server-wide cap is sized for module uploads; a function's own limit replaces it for its requests.
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)Math.Min(length, 1 << 20) : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The request as the guest sees it: <paramref name="guestPath"/> is the path after the function's route, <c>uri</c>
    /// the original request target, <c>query</c> without its <c>?</c>. The Authorization header is withheld from
    /// functions that require a token, so a guest never sees the caller's Djinn credentials.
    /// </summary>
    public static FunctionRequest ToFunctionRequest(HttpContext context, string guestPath, ReadOnlyMemory<byte> body, string traceId, bool stripAuthorization)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            if (stripAuthorization && string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase))
            {
                if (WithoutServerCookies(values.ToString()) is { Length: > 0 } cookies)
                {
                    headers[name] = [cookies];
                }

                continue;
            }

            headers[name] = values.ToArray()!;
        }

        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        var uri = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : request.PathBase + request.Path + request.QueryString;
        return new FunctionRequest(
            request.Method, uri, guestPath, query, headers, body,
            context.Connection.RemoteIpAddress?.ToString(), traceId);
    }

    /// <summary>
    /// The Cookie header without the server's own cookies (ASP.NET Core's <c>.AspNetCore.*</c>: the console's sign-in and
    /// antiforgery cookies), so a guest never sees a console session of the browser that calls it.
    /// </summary>
    public static string WithoutServerCookies(string cookieHeader)
    {
        ArgumentNullException.ThrowIfNull(cookieHeader);
        if (!cookieHeader.Contains(".AspNetCore.", StringComparison.Ordinal))
        {
            return cookieHeader;
        }

        var kept = new List<string>();
        foreach (var part in cookieHeader.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!part.StartsWith(".AspNetCore.", StringComparison.Ordinal))
            {
                kept.Add(part);
            }
        }

        return string.Join("; ", kept);
    }

    /// <summary>
    /// Splits <c>/fn/{target}/rest</c> into the target (<c>name</c> or <c>name@version</c>) and the rest of the path
    /// (<c>/</c> when empty), from the decoded request path.
    /// </summary>
    public static (string Name, string? Version, string Remainder) SplitFunctionPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var afterPrefix = path.IndexOf('/', 1);
        var targetStart = afterPrefix + 1;
        var restStart = path.IndexOf('/', targetStart);
        var target = restStart < 0 ? path[targetStart..] : path[targetStart..restStart];
        var rest = restStart < 0 ? "/" : path[restStart..];
        var at = target.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? (target, null, rest) : (target[..at], target[(at + 1)..], rest);
    }
}
