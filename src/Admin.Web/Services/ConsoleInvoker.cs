using System.Diagnostics;
using System.Globalization;
using System.Text;
using Djinn.Admin.Web.Gateway;
using Djinn.Admin.Web.Telemetry;

namespace Djinn.Admin.Web.Services;

/// <summary>A request composed in the console's Test tab.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path (and query) after the function's route, e.g. <c>/items?id=1</c>.</param>
/// <param name="Headers">Request headers, in order; blank names are ignored.</param>
/// <param name="Body">The request body (UTF-8).</param>
/// <param name="Version">A version to pin (as the gateway's <c>name@version</c>), or null for the active one or the canary split.</param>
public sealed record TestRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body, int? Version);

/// <summary>What the gateway answered to a <see cref="TestRequest"/>.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Headers">The response headers.</param>
/// <param name="Body">The response body as text.</param>
/// <param name="Elapsed">The gateway's whole handling time.</param>
/// <param name="Invocation">The run the gateway recorded (id, version, fuel, stderr lines), or null when it rejected the request before running.</param>
public sealed record TestResponse(
    int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body, TimeSpan Elapsed, InvocationEvent? Invocation);

/// <summary>
/// Runs the Test tab's requests through the real gateway in-process: the same <see cref="FunctionGateway"/> code path
/// as <c>/fn/{name}</c> (auth, rate limit, pinning and canary, body limit, concurrency, env and secrets), with a request
/// built from the form instead of a socket. The run is recorded by telemetry as usual; a wrapper around the sink hands
/// this call its own <see cref="InvocationEvent"/> (invocation id, fuel, stderr) as the gateway records it.
/// </summary>
public sealed class ConsoleInvoker(IServiceScopeFactory scopes, IInvocationSink sink)
{
    /// <summary>Largest response body shown; the rest is cut.</summary>
    public const int MaxShownBodyBytes = 256 * 1024;

    /// <summary>Sends <paramref name="request"/> to <paramref name="function"/> through the gateway.</summary>
    public async Task<TestResponse> InvokeAsync(string function, TestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = scopes.CreateAsyncScope();
        var capture = new CapturingSink(sink);
        var gateway = ActivatorUtilities.CreateInstance<FunctionGateway>(scope.ServiceProvider, capture);
        var context = CreateContext(scope.ServiceProvider, function, request, cancellationToken);
        var (name, pinned, rest) = GatewayRequestReader.SplitFunctionPath(context.Request.Path.Value!);

        var clock = Stopwatch.StartNew();
        var result = await gateway.HandleAsync(context, name, pinned, rest);
        await result.ExecuteAsync(context);
        clock.Stop();

        var headers = context.Response.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? ""))).ToList();
        if (context.Response.ContentType is { } contentType && !context.Response.Headers.ContainsKey("Content-Type"))
        {
            headers.Add(new("Content-Type", contentType));
        }

        var body = (MemoryStream)context.Response.Body;
        var text = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)Math.Min(body.Length, MaxShownBodyBytes));
        return new TestResponse(context.Response.StatusCode, headers, text, clock.Elapsed, capture.Invocation);
    }

    /// <summary>The gateway address of a test request: <c>/fn/{name}[@version]{path}</c>, path and query split.</summary>
    public static (string Path, string Query) Address(string function, int? version, string? suffix)
    {
        suffix = string.IsNullOrWhiteSpace(suffix) ? "/" : suffix.Trim();
        if (!suffix.StartsWith('/'))
        {
            suffix = "/" + suffix;
        }

        var queryStart = suffix.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? "" : suffix[queryStart..];
        var path = queryStart < 0 ? suffix : suffix[..queryStart];
        var target = version is { } v ? $"{function}@{v.ToString(CultureInfo.InvariantCulture)}" : function;
        return ($"/fn/{target}{path}", query);
    }

    private static DefaultHttpContext CreateContext(IServiceProvider services, string function, TestRequest request, CancellationToken cancellationToken)
    {
        var context = new DefaultHttpContext { RequestServices = services, RequestAborted = cancellationToken };
        var (path, query) = Address(function, request.Version, request.Path);
        var http = context.Request;
        http.Method = string.IsNullOrWhiteSpace(request.Method) ? HttpMethods.Get : request.Method.Trim().ToUpperInvariant();
        http.Scheme = "http";
        http.Host = new HostString("localhost");
        http.Path = new PathString(Uri.UnescapeDataString(path));
        http.QueryString = new QueryString(query.Length > 1 ? query : null);
        foreach (var (name, value) in request.Headers)
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                http.Headers.Append(name.Trim(), value);
            }
        }

        var body = Encoding.UTF8.GetBytes(request.Body ?? "");
        http.Body = new MemoryStream(body, writable: false);
        http.ContentLength = body.Length;
        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>Forwards everything to telemetry and keeps this request's invocation.</summary>
    private sealed class CapturingSink(IInvocationSink inner) : IInvocationSink
    {
        public InvocationEvent? Invocation { get; private set; }

        public void Record(InvocationEvent invocation)
        {
            Invocation = invocation;
            inner.Record(invocation);
        }

        public void Rejected(string function, string reason) => inner.Rejected(function, reason);

        public void ModuleCacheLookup(bool hit) => inner.ModuleCacheLookup(hit);
    }
}
