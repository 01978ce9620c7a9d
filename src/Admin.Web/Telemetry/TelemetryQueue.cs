using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// The bounded queue between the request path and the background writer. <see cref="TryEnqueue"/> never waits:
/// when the queue is full the invocation is dropped (its metrics and live lines were already counted) and counted.
/// </summary>
public sealed class TelemetryQueue
{
    private readonly Channel<InvocationEvent> _channel;
    private long _dropped;

    /// <summary>Creates a queue of <see cref="TelemetryOptions.QueueCapacity"/> invocations.</summary>
    public TelemetryQueue(IOptions<TelemetryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _channel = Channel.CreateBounded<InvocationEvent>(new BoundedChannelOptions(Math.Max(1, options.Value.QueueCapacity))
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails fast instead of waiting.
            SingleReader = true,
        });
    }

    /// <summary>Invocations dropped because the queue was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Invocations waiting to be stored.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>The writer's end.</summary>
    public ChannelReader<InvocationEvent> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="invocation"/> without waiting; false (and counted) when the queue is full.</summary>
    public bool TryEnqueue(InvocationEvent invocation)
    {
        if (_channel.Writer.TryWrite(invocation))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }
}
