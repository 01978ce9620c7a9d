using System.Text;
using System.Text.Json;
using Djinn.Admin.Web.Api;
using Djinn.Data.Services;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// <c>GET /api/functions/{name}/logs?follow=true</c>: Server-Sent Events (https://html.spec.whatwg.org/multipage/server-sent-events.html).
/// Subscribes first, then sends the stored lines (tail/since), then each new line as a <c>data:</c> JSON
/// <see cref="LogEvent"/>, with a comment heartbeat every 15 s, until the client disconnects or the server stops.
/// </summary>
internal sealed class LogStreamResult(string function, int tail, DateTimeOffset? since) : IResult
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var services = httpContext.RequestServices;
        var lifetime = services.GetRequiredService<IHostApplicationLifetime>();
        var json = services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, lifetime.ApplicationStopping);
        var token = stop.Token;

        using var subscription = services.GetRequiredService<LogBroadcaster>().Subscribe(function);
        var stored = await services.GetRequiredService<TelemetryStore>().ListLogsAsync(function, tail, since?.UtcDateTime, token);
        if (stored is null)
        {
            await Problems.FunctionNotFound(function).ExecuteAsync(httpContext);
            return;
        }

        var response = httpContext.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await response.StartAsync(token);
            // Lines stored after the subscription began arrive live too; skip those already sent.
            var sent = new HashSet<(string, int)>();
            foreach (var line in stored)
            {
                sent.Add((line.InvocationId, line.Index));
                await WriteAsync(response, TelemetryEndpoints.ToEvent(function, line), json, token);
            }

            await response.Body.FlushAsync(token);
            await FollowAsync(response, subscription, sent, json, token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The client went away or the server is stopping: the stream simply ends.
        }
    }

    private static async Task FollowAsync(HttpResponse response, LogSubscription subscription, HashSet<(string, int)> sent, JsonSerializerOptions json, CancellationToken token)
    {
        var reader = subscription.Reader;
        while (!token.IsCancellationRequested)
        {
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(token);
            beat.CancelAfter(Heartbeat);
            bool more;
            try
            {
                more = await reader.WaitToReadAsync(beat.Token);
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                await response.Body.WriteAsync(": keep-alive\n\n"u8.ToArray(), token);
                await response.Body.FlushAsync(token);
                continue;
            }

            if (!more)
            {
                return;
            }

            while (reader.TryRead(out var logEvent))
            {
                if (sent.Count == 0 || !sent.Remove((logEvent.InvocationId, logEvent.Index)))
                {
                    await WriteAsync(response, logEvent, json, token);
                }
            }

            await response.Body.FlushAsync(token);
        }
    }

    private static async Task WriteAsync(HttpResponse response, LogEvent logEvent, JsonSerializerOptions json, CancellationToken token)
    {
        // JSON escapes newlines, so one event is always exactly one data: line.
        var payload = "data: " + JsonSerializer.Serialize(logEvent, json) + "\n\n";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(payload), token);
    }
}
