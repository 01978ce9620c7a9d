namespace Djinn.Engine.Functions;

/// <summary>
/// A write-only stream that passes at most <see cref="Limit"/> bytes to its inner stream; the write that would go
/// past the limit writes what fits and then stops the guest with <see cref="TrapCode.OutputLimitExceeded"/>, so an
/// output flood ends at once instead of spinning until its deadline.
/// </summary>
public sealed class OutputLimitStream : Stream
{
    private readonly Stream _inner;
    private long _written;

    /// <summary>Wraps <paramref name="inner"/> with a cap of <paramref name="limit"/> bytes.</summary>
    public OutputLimitStream(Stream inner, long limit)
    {
        _inner = inner;
        Limit = limit;
    }

    /// <summary>The cap in bytes.</summary>
    public long Limit { get; }

    /// <summary>Bytes passed through so far.</summary>
    public long Written => _written;

    /// <inheritdoc/>
    public override bool CanRead => false;
    /// <inheritdoc/>
    public override bool CanSeek => false;
    /// <inheritdoc/>
    public override bool CanWrite => true;
    /// <inheritdoc/>
    public override long Length => _written;
    /// <inheritdoc/>
    public override long Position { get => _written; set => throw new NotSupportedException(); }

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        long room = Limit - _written;
        if (buffer.Length <= room)
        {
            _inner.Write(buffer);
            _written += buffer.Length;
            return;
        }
        if (room > 0) _inner.Write(buffer[..(int)room]);
        _written = Limit;
        throw new TrapException(TrapCode.OutputLimitExceeded, $"output limit of {Limit} bytes exceeded");
    }

    /// <inheritdoc/>
    public override void Flush() => _inner.Flush();
    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();
}
