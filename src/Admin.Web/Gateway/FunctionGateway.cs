using System.Globalization;
using Djinn.Admin.Web.Auth;
using Djinn.Admin.Web.Services;
using Djinn.Admin.Web.Telemetry;
using Djinn.Data.Entities;
using Djinn.Engine;
using Function = Djinn.Data.Entities.Function;
using Djinn.Engine.Functions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using EngineLimits = Djinn.Engine.Functions.FunctionLimits;
using EngineMode = Djinn.Engine.Functions.FunctionMode;

namespace Djinn.Admin.Web.Gateway;

/// <summary>
/// Serves one gateway request: finds the function, answers CORS preflights, applies the rate limit, the token
/// requirement, version pinning or the canary split, the body size limit and the concurrency gate, then runs the
/// version in a fresh sandbox (see <see cref="InvocationScheduler"/> for which thread) and maps the result to HTTP.
/// A singleton with no per-request services: the hot path reads only in-memory caches.
/// </summary>
public sealed class FunctionGateway(
    FunctionResolver resolver,
    FunctionRuntime runtime,
    FunctionAdmission admission,
    InvocationScheduler scheduler,
    IInvocationSink sink)
{
    /// <summary>The function name reported to telemetry for requests naming a function that does not exist.</summary>
    public const string UnknownFunction = "";

    private const long MiB = 1024 * 1024;

    /// <summary>
    /// Handles a request for <paramref name="name"/>. <paramref name="pinnedVersion"/> is the <c>@v</c> of the URL, if any;
    /// <paramref name="guestPath"/> is the part of the path after the function's route.
    /// </summary>
    public async Task<IResult> HandleAsync(HttpContext context, string name, string? pinnedVersion, string guestPath)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.RequestAborted;
        var (traceId, traceParent) = TraceContext.From(context.Request.Headers[TraceContext.Header]);
        context.Response.Headers[TraceContext.Header] = traceParent;

        var function = await resolver.FindAsync(name, cancellationToken);
        if (function is null)
        {
            // Not the caller's made-up name: it would let anyone grow per-function telemetry without bound.
            sink.Rejected(UnknownFunction, "not_found");
            return GatewayResponses.Reject(StatusCodes.Status404NotFound, "Not found", $"function '{name}' does not exist");
        }

        var allowedOrigin = CorsPolicy.AllowedOrigin(function, context.Request);
        if (CorsPolicy.IsPreflight(context.Request))
        {
            return CorsPolicy.Preflight(context, allowedOrigin);
        }

        CorsPolicy.Apply(context.Response, allowedOrigin);
        var limits = function.Limits ?? new Data.Entities.FunctionLimits();
        if (!admission.TryAcquireRate(name, limits.RateLimitPerSecond, limits.RateLimitBurst, out var retryAfter))
        {
            sink.Rejected(name, "rate_limited");
            context.Response.Headers.RetryAfter = Seconds(retryAfter);
            return GatewayResponses.Reject(StatusCodes.Status429TooManyRequests, "Too many requests",
                $"function '{name}' accepts at most {limits.RateLimitPerSecond} requests per second");
        }

        if (function.Auth == FunctionAuth.Token && !await IsAuthenticatedAsync(context))
        {
            sink.Rejected(name, "unauthorized");
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return GatewayResponses.Reject(StatusCodes.Status401Unauthorized, "Unauthorized",
                "this function requires a valid API token: Authorization: Bearer <token>");
        }

        var version = await ChooseVersionAsync(context, function, pinnedVersion, cancellationToken);
        if (version.Problem is not null)
        {
            sink.Rejected(name, "not_found");
            return version.Problem;
        }

        context.Response.Headers[GatewayHeaders.Version] = version.Number.ToString(CultureInfo.InvariantCulture);
        var body = await GatewayRequestReader.ReadBodyAsync(context, limits.MaxRequestBytes);
        if (body is null)
        {
            sink.Rejected(name, "too_large");
            return GatewayResponses.Reject(StatusCodes.Status413PayloadTooLarge, "Request too large",
                $"function '{name}' accepts request bodies of at most {limits.MaxRequestBytes} bytes");
        }

        using var lease = await admission.TryEnterAsync(name, limits.MaxConcurrency, cancellationToken);
        if (lease is null)
        {
            sink.Rejected(name, "concurrency");
            context.Response.Headers.RetryAfter = "1";
            return GatewayResponses.Reject(StatusCodes.Status503ServiceUnavailable, "Too busy",
                $"function '{name}' is running {limits.MaxConcurrency} invocations and its queue is full");
        }

        Module module;
        try
        {
            module = runtime.GetModule(version.Sha256!, () => resolver.LoadModule(version.Sha256!));
        }
        catch (WasmException ex)
        {
            return GatewayResponses.Reject(StatusCodes.Status500InternalServerError, "Module unavailable",
                $"version {version.Number} of '{name}' could not be compiled: {ex.Message}");
        }

        var environment = await resolver.EnvironmentAsync(function, cancellationToken);
        var request = GatewayRequestReader.ToFunctionRequest(context, guestPath, body.Value, traceId, stripAuthorization: function.Auth == FunctionAuth.Token);
        var invocationId = TraceContext.NewId();
        var invocation = new FunctionInvocation(
            module, name, version.Number, function.Mode == Data.Entities.FunctionMode.Raw ? EngineMode.Raw : EngineMode.Json,
            request, environment, ToEngineLimits(limits));
        var result = await scheduler.RunAsync(runtime, invocation);

        var status = GatewayResponses.StatusOf(result);
        sink.Record(new InvocationEvent(
            invocationId, name, version.Number, status, result.Outcome, result.Trap, result.Duration,
            result.FuelConsumed, result.MemoryBytes, traceId, result.LogLines, DateTimeOffset.UtcNow));
        return GatewayResponses.From(result, name, version.Number, invocationId, environment);
    }

    /// <summary>The engine limits for a function's stored limits.</summary>
    public static EngineLimits ToEngineLimits(Data.Entities.FunctionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new EngineLimits
        {
            Timeout = TimeSpan.FromMilliseconds(limits.TimeoutMs),
            MemoryBytes = limits.MemoryMb * MiB,
            Fuel = limits.Fuel > 0 ? limits.Fuel : null,
            MaxStdoutBytes = limits.MaxResponseBytes,
        };
    }

    private static async Task<bool> IsAuthenticatedAsync(HttpContext context)
    {
        string? header = context.Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // The admin API's handler: API tokens from the token store and DJINN_ADMIN_TOKEN, validated the same way.
        var result = await context.AuthenticateAsync(BearerTokenHandler.SchemeName);
        return result.Succeeded;
    }

    private readonly record struct ChosenVersion(int Number, string? Sha256, IResult? Problem);

    private async ValueTask<ChosenVersion> ChooseVersionAsync(HttpContext context, Function function, string? pinned, CancellationToken cancellationToken)
    {
        pinned ??= context.Request.Headers[GatewayHeaders.Version].FirstOrDefault();
        int number;
        if (!string.IsNullOrEmpty(pinned))
        {
            if (!int.TryParse(pinned, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1)
            {
                return NotFound($"version '{pinned}' of function '{function.Name}' does not exist");
            }
        }
        else if (function.ActiveVersion is not { } active)
        {
            return NotFound($"function '{function.Name}' has no version yet");
        }
        else
        {
            number = function.CanaryVersion is { } canary && function.CanaryPercent > 0 && Random.Shared.Next(100) < function.CanaryPercent
                ? canary
                : active;
        }

        var sha256 = await resolver.VersionSha256Async(function, number, cancellationToken);
        return sha256 is null
            ? NotFound($"version {number} of function '{function.Name}' does not exist")
            : new ChosenVersion(number, sha256, null);
    }

    private static ChosenVersion NotFound(string detail) =>
        new(0, null, GatewayResponses.Reject(StatusCodes.Status404NotFound, "Not found", detail));

    private static string Seconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
