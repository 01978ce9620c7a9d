using Microsoft.Win32.SafeHandles;

namespace Djinn.Engine.Wasi;

/// <summary>
/// A non-directory file opened with path_open: a host handle plus the guest's own file offset. Reads and writes
/// go through <see cref="RandomAccess"/> at that offset, so fd_pread/fd_pwrite never disturb it; with the
/// <c>append</c> fdflag every write lands at the current end of the file.
/// </summary>
internal sealed class WasiFileDescriptor : WasiDescriptor
{
    private readonly SafeFileHandle _handle;
    private readonly WasiFileType _fileType;
    private long _position;

    public WasiFileDescriptor(SafeFileHandle handle, WasiFileType fileType, WasiRights rightsBase, WasiRights rightsInheriting, WasiFdFlags flags)
        : base(rightsBase, rightsInheriting)
    {
        _handle = handle;
        _fileType = fileType;
        Flags = flags;
    }

    /// <inheritdoc/>
    public override WasiFileType FileType => _fileType;

    /// <summary>The host handle (for fstat, futimens, fsync).</summary>
    public SafeFileHandle Handle => _handle;

    /// <inheritdoc/>
    public override WasiErrno Read(Span<byte> buffer, out int read)
    {
        var status = ReadAt(buffer, _position, out read);
        if (status == WasiErrno.Success) _position += read;
        return status;
    }

    /// <inheritdoc/>
    public override WasiErrno Write(ReadOnlySpan<byte> data)
    {
        try
        {
            long offset = (Flags & WasiFdFlags.Append) != 0 ? RandomAccess.GetLength(_handle) : _position;
            RandomAccess.Write(_handle, data, offset);
            _position = offset + data.Length;
            return WasiErrno.Success;
        }
        catch (Exception e) when (WasiFsErrors.IsFileSystemError(e))
        {
            return WasiFsErrors.FromException(e);
        }
    }

    /// <summary>fd_pread: reads at <paramref name="offset"/> without moving the file offset.</summary>
    public WasiErrno ReadAt(Span<byte> buffer, long offset, out int read)
    {
        read = 0;
        try
        {
            read = RandomAccess.Read(_handle, buffer, offset);
            return WasiErrno.Success;
        }
        catch (Exception e) when (WasiFsErrors.IsFileSystemError(e))
        {
            return WasiFsErrors.FromException(e);
        }
    }

    /// <summary>fd_pwrite: writes at <paramref name="offset"/> without moving the file offset.</summary>
    public WasiErrno WriteAt(ReadOnlySpan<byte> data, long offset)
    {
        try
        {
            RandomAccess.Write(_handle, data, offset);
            return WasiErrno.Success;
        }
        catch (Exception e) when (WasiFsErrors.IsFileSystemError(e))
        {
            return WasiFsErrors.FromException(e);
        }
    }

    /// <inheritdoc/>
    public override WasiErrno Seek(long offset, WasiWhence whence, out long position)
    {
        position = 0;
        if (_fileType is WasiFileType.CharacterDevice or WasiFileType.Unknown or WasiFileType.SocketStream) return WasiErrno.Spipe;
        long origin;
        try
        {
            origin = whence switch { WasiWhence.Set => 0, WasiWhence.Cur => _position, _ => RandomAccess.GetLength(_handle) };
        }
        catch (Exception e) when (WasiFsErrors.IsFileSystemError(e))
        {
            return WasiFsErrors.FromException(e);
        }
        long target = origin + offset;
        if ((offset > 0 && target < origin) || target < 0) return WasiErrno.Inval;
        _position = target;
        position = target;
        return WasiErrno.Success;
    }

    /// <summary>fd_filestat_set_size and fd_allocate: sets the file's length.</summary>
    public WasiErrno SetSize(long size)
    {
        if (size < 0) return WasiErrno.Inval;
        try
        {
            RandomAccess.SetLength(_handle, size);
            return WasiErrno.Success;
        }
        catch (Exception e) when (WasiFsErrors.IsFileSystemError(e))
        {
            return WasiFsErrors.FromException(e);
        }
    }

    /// <summary>The current length of the file.</summary>
    public WasiErrno GetSize(out long size)
    {
        size = 0;
        var status = WasiHostCalls.Stat(_handle, out var stat);
        if (status == WasiErrno.Success) size = stat.Size;
        return status;
    }

    /// <inheritdoc/>
    public override WasiErrno GetFilestat(Span<byte> target)
    {
        var status = WasiHostCalls.Stat(_handle, out var stat);
        if (status == WasiErrno.Success) stat.WriteFilestat(target);
        return status;
    }

    /// <inheritdoc/>
    public override void Close() => _handle.Dispose();
}
