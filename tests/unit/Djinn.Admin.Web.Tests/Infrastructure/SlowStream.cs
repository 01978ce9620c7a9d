namespace Djinn.Admin.Web.Tests.Infrastructure;

/// <summary>
/// Serves <c>data</c> in small chunks with a pause between them, and reports once
/// <c>signalAfterBytes</c> have been read, so a test can act in the middle of an upload.
/// </summary>
public sealed class SlowStream(byte[] data, int chunkBytes, TimeSpan pause, long signalAfterBytes) : Stream
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position;

    /// <summary>Completes when at least <c>signalAfterBytes</c> bytes were handed out.</summary>
    public Task Reached => _reached.Task;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= data.Length)
        {
            return 0;
        }

        await Task.Delay(pause, cancellationToken);
        var count = (int)Math.Min(Math.Min(buffer.Length, chunkBytes), data.Length - _position);
        data.AsMemory((int)_position, count).CopyTo(buffer);
        _position += count;
        if (_position >= signalAfterBytes)
        {
            _reached.TrySetResult();
        }

        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
