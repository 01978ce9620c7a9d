using System.Collections.Immutable;
using System.Threading.Channels;
using Djinn.Data.Entities;
using Microsoft.Extensions.Options;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// Fans guest log lines out to live followers (SSE clients, the SignalR forwarder). Each follower has its own
/// bounded buffer; when a follower is slow its oldest lines are dropped and counted, so publishing never blocks.
/// </summary>
public sealed class LogBroadcaster(IOptions<TelemetryOptions> options, DjinnMetrics metrics)
{
    private readonly Lock _lock = new();
    private ImmutableArray<LogSubscription> _subscriptions = [];

    /// <summary>Follows the lines of <paramref name="function"/>, or of every function when null. Dispose to stop.</summary>
    public LogSubscription Subscribe(string? function)
    {
        var subscription = new LogSubscription(this, function, Math.Max(1, options.Value.FollowerBufferLines), metrics);
        lock (_lock)
        {
            _subscriptions = _subscriptions.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Publishes the (already capped) <paramref name="lines"/> of <paramref name="invocation"/>.</summary>
    public void Publish(InvocationEvent invocation, int lines)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var subscriptions = _subscriptions;
        if (subscriptions.IsEmpty || lines == 0)
        {
            return;
        }

        var events = new LogEvent[lines];
        for (var i = 0; i < lines; i++)
        {
            // Truncated as stored, so a follower's buffer holds at most FollowerBufferLines × 16 KB.
            var line = invocation.LogLines[i];
            line = line.Length <= LogLine.MaxTextLength ? line : line[..LogLine.MaxTextLength];
            events[i] = new LogEvent(invocation.Function, invocation.Version, invocation.InvocationId, i, invocation.Timestamp, line);
        }

        foreach (var subscription in subscriptions)
        {
            if (subscription.Function is null || string.Equals(subscription.Function, invocation.Function, StringComparison.Ordinal))
            {
                foreach (var logEvent in events)
                {
                    subscription.Offer(logEvent);
                }
            }
        }
    }

    internal void Remove(LogSubscription subscription)
    {
        lock (_lock)
        {
            _subscriptions = _subscriptions.Remove(subscription);
        }
    }
}

/// <summary>A live follower's buffer of log lines.</summary>
public sealed class LogSubscription : IDisposable
{
    private readonly LogBroadcaster _owner;
    private readonly Channel<LogEvent> _channel;

    internal LogSubscription(LogBroadcaster owner, string? function, int capacity, DjinnMetrics metrics)
    {
        _owner = owner;
        Function = function;
        _channel = Channel.CreateBounded<LogEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => metrics.Dropped("line"));
    }

    /// <summary>The followed function, or null for all.</summary>
    public string? Function { get; }

    /// <summary>The lines, in the order they were published.</summary>
    public ChannelReader<LogEvent> Reader => _channel.Reader;

    internal void Offer(LogEvent logEvent) => _channel.Writer.TryWrite(logEvent);

    /// <summary>Stops following.</summary>
    public void Dispose()
    {
        _owner.Remove(this);
        _channel.Writer.TryComplete();
    }
}
