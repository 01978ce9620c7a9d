using Djinn.Engine.Functions;
using Microsoft.Extensions.Options;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// The real <see cref="IInvocationSink"/>: counts metrics, updates the live window, publishes log lines to live
/// followers and queues the invocation for storage. Runs on the request path, so it does no I/O, never waits and
/// never throws.
/// </summary>
public sealed class TelemetrySink(
    DjinnMetrics metrics,
    LiveWindow live,
    TelemetryQueue queue,
    LogBroadcaster logs,
    IOptions<TelemetryOptions> options,
    ILogger<TelemetrySink> logger) : IInvocationSink
{
    /// <inheritdoc />
    public void Record(InvocationEvent invocation)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(invocation);
            metrics.Record(invocation);
            live.Record(invocation.Function, invocation.Duration, IsError(invocation));
            var lines = Math.Min(invocation.LogLines.Count, Math.Max(0, options.Value.MaxLinesPerInvocation));
            metrics.Dropped("line", invocation.LogLines.Count - lines);
            logs.Publish(invocation, lines);
            if (!queue.TryEnqueue(invocation))
            {
                metrics.Dropped("invocation");
            }
        }
#pragma warning disable CA1031 // The contract: telemetry never fails a request.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The exception type only: messages could quote guest output.
            logger.LogWarning("Telemetry could not record an invocation: {ExceptionType}", ex.GetType().Name);
        }
    }

    /// <inheritdoc />
    public void Rejected(string function, string reason)
    {
        try
        {
            metrics.Rejected(SafeReason(reason));
            live.RecordRejection();
        }
#pragma warning disable CA1031
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning("Telemetry could not record a rejection: {ExceptionType}", ex.GetType().Name);
        }
    }

    /// <inheritdoc />
    public void ModuleCacheLookup(bool hit) => metrics.ModuleCacheLookup(hit);

    /// <summary>True when the run failed: any outcome but success, or a 5xx status.</summary>
    public static bool IsError(InvocationEvent invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return invocation.Outcome != FunctionOutcome.Success || invocation.Status >= 500;
    }

    /// <summary>Reasons become label values: anything but a short snake_case word becomes <c>other</c>.</summary>
    internal static string SafeReason(string? reason)
    {
        if (string.IsNullOrEmpty(reason) || reason.Length > 32)
        {
            return "other";
        }

        foreach (var c in reason)
        {
            if (c is not ((>= 'a' and <= 'z') or '_'))
            {
                return "other";
            }
        }

        return reason;
    }
}
