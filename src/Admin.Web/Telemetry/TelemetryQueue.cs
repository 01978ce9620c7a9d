using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// The bounded queue between the request path and the background writer. <see cref="TryEnqueue"/> never waits:
/// when the queue is full, by count or by the approximate memory its log lines hold, the invocation is dropped
/// (its metrics and live lines were already counted) and counted.
/// </summary>
public sealed class TelemetryQueue
{
    private readonly Channel<InvocationEvent> _channel;
    private readonly long _maxBytes;
    private long _bytes;
    private long _dropped;

    /// <summary>Creates a queue of <see cref="TelemetryOptions.QueueCapacity"/> invocations.</summary>
    public TelemetryQueue(IOptions<TelemetryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _maxBytes = Math.Max(1, options.Value.QueueMaxBytes);
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

    /// <summary>Approximate bytes held by queued invocations.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Waits until an invocation can be dequeued; false once the queue is completed.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Takes the oldest queued invocation, if any.</summary>
    public bool TryDequeue([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out InvocationEvent invocation)
    {
        if (!_channel.Reader.TryRead(out invocation))
        {
            return false;
        }

        Interlocked.Add(ref _bytes, -SizeOf(invocation));
        return true;
    }

    /// <summary>Queues <paramref name="invocation"/> without waiting; false (and counted) when the queue is full.</summary>
    public bool TryEnqueue(InvocationEvent invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var size = SizeOf(invocation);
        if (Interlocked.Add(ref _bytes, size) <= _maxBytes)
        {
            if (_channel.Writer.TryWrite(invocation))
            {
                return true;
            }
        }

        Interlocked.Add(ref _bytes, -size);
        Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>A rough size: UTF-16 line text plus a fixed overhead per invocation and per line.</summary>
    private static long SizeOf(InvocationEvent invocation)
    {
        long size = 256;
        foreach (var line in invocation.LogLines)
        {
            size += 32 + (2L * line.Length);
        }

        return size;
    }
}
