using System.Globalization;
using Djinn.Admin.Web.Api;
using Djinn.Data.Entities;
using Djinn.Data.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>A stored invocation record, as <c>GET /api/functions/{name}/invocations</c> returns it.</summary>
/// <param name="InvocationId">The run's id (also on its log lines).</param>
/// <param name="Version">The version that ran.</param>
/// <param name="Status">The HTTP status returned.</param>
/// <param name="Outcome">How the run ended.</param>
/// <param name="Trap">The trap code, if any.</param>
/// <param name="DurationMs">Wall-clock duration in milliseconds.</param>
/// <param name="FuelConsumed">Fuel used.</param>
/// <param name="MemoryBytes">Linear memory at the end of the run.</param>
/// <param name="TraceId">The W3C trace id, if any.</param>
/// <param name="Timestamp">When the run finished.</param>
public sealed record InvocationResponse(
    string InvocationId, int Version, int Status, string Outcome, string? Trap, double DurationMs,
    long FuelConsumed, long MemoryBytes, string? TraceId, DateTimeOffset Timestamp)
{
    internal static InvocationResponse From(InvocationRecord r) =>
        new(r.InvocationId, r.Version, r.Status, r.Outcome, r.Trap, r.DurationMs, r.FuelConsumed, r.MemoryBytes, r.TraceId,
            new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)));
}

/// <summary>Maps <c>/metrics</c>, the telemetry routes under <c>/api</c> and the hub.</summary>
public static class TelemetryEndpoints
{
    /// <summary>Lines returned when neither <c>tail</c> nor <c>since</c> is given.</summary>
    public const int DefaultTail = 100;

    /// <summary>Maps the routes (see docs/TELEMETRY.md).</summary>
    public static IEndpointRouteBuilder MapTelemetryEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        var metrics = app.MapGet("/metrics", (PrometheusCollector collector) => TypedResults.Text(collector.Render(), PrometheusCollector.ContentType));
        _ = options.MetricsRequireAuth ? metrics.RequireAuthorization() : metrics.AllowAnonymous();

        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/functions/{name}/logs", LogsAsync);
        api.MapGet("/functions/{name}/invocations", InvocationsAsync);
        api.MapGet("/metrics/live", (LiveWindow live) => TypedResults.Ok(live.Snapshot()));
        return app;
    }

    private static async Task<Results<Ok<LogEvent[]>, LogStreamResult, ProblemHttpResult>> LogsAsync(
        string name, bool? follow, int? tail, string? since, TelemetryStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (tail is < 0 or > TelemetryStore.MaxRead)
        {
            return Problems.BadRequest($"tail must be between 0 and {TelemetryStore.MaxRead}");
        }

        DateTimeOffset? from = null;
        if (!string.IsNullOrEmpty(since))
        {
            from = ParseSince(since, time.GetUtcNow());
            if (from is null)
            {
                return Problems.BadRequest("since must be an ISO 8601 time (e.g. 2026-11-21T10:00:00Z) or a duration (e.g. 30s, 5m, 2h)");
            }
        }

        var count = tail ?? (from is null ? DefaultTail : TelemetryStore.MaxRead);
        if (follow == true)
        {
            // The stream checks the function and reads the stored lines after subscribing, so nothing falls in between.
            return new LogStreamResult(name, count, from);
        }

        var lines = await store.ListLogsAsync(name, count, from?.UtcDateTime, cancellationToken);
        return lines is null
            ? Problems.FunctionNotFound(name)
            : TypedResults.Ok(lines.Select(l => ToEvent(name, l)).ToArray());
    }

    private static async Task<Results<Ok<InvocationResponse[]>, ProblemHttpResult>> InvocationsAsync(
        string name, int? limit, TelemetryStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > TelemetryStore.MaxRead)
        {
            return Problems.BadRequest($"limit must be between 1 and {TelemetryStore.MaxRead}");
        }

        var records = await store.ListInvocationsAsync(name, limit ?? 100, cancellationToken);
        return records is null
            ? Problems.FunctionNotFound(name)
            : TypedResults.Ok(records.Select(InvocationResponse.From).ToArray());
    }

    internal static LogEvent ToEvent(string function, LogLine line) =>
        new(function, line.Version, line.InvocationId, line.Index, new DateTimeOffset(DateTime.SpecifyKind(line.At, DateTimeKind.Utc)), line.Text);

    /// <summary>An ISO 8601 time, or a duration back from <paramref name="now"/>: <c>90s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>.</summary>
    internal static DateTimeOffset? ParseSince(string since, DateTimeOffset now)
    {
        if (since.Length >= 2 && long.TryParse(since.AsSpan(0, since.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            && amount <= 10_000_000)
        {
            TimeSpan? span = since[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (span is not null)
            {
                return now - span.Value;
            }
        }

        return DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }
}
