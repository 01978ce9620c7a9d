namespace Djinn.Engine.Wasi;

/// <summary>
/// An open file descriptor of the guest: what kind of file it is (<c>$filetype</c>), the rights it carries
/// (<c>$rights</c>) and its <c>$fdflags</c> (typenames.witx). Stdio, files and directories derive from this.
/// The base class answers every operation as unsupported; subclasses override what they can do.
/// </summary>
internal abstract class WasiDescriptor
{
    protected WasiDescriptor(WasiRights rightsBase, WasiRights rightsInheriting)
    {
        RightsBase = rightsBase;
        RightsInheriting = rightsInheriting;
    }

    /// <summary>The <c>fs_filetype</c> reported by fd_fdstat_get and fd_filestat_get.</summary>
    public abstract WasiFileType FileType { get; }

    /// <summary>The <c>fs_rights_base</c>: operations allowed on this descriptor.</summary>
    public WasiRights RightsBase { get; private set; }

    /// <summary>The <c>fs_rights_inheriting</c>: rights of descriptors opened through this one.</summary>
    public WasiRights RightsInheriting { get; private set; }

    /// <summary>True when every right in <paramref name="rights"/> is in <see cref="RightsBase"/>.</summary>
    public bool Has(WasiRights rights) => (RightsBase & rights) == rights;

    /// <summary>fd_fdstat_set_rights: rights can only be dropped, never gained (ENOTCAPABLE).</summary>
    public WasiErrno SetRights(WasiRights rightsBase, WasiRights rightsInheriting)
    {
        if ((rightsBase & ~RightsBase) != 0 || (rightsInheriting & ~RightsInheriting) != 0) return WasiErrno.NotCapable;
        RightsBase = rightsBase;
        RightsInheriting = rightsInheriting;
        return WasiErrno.Success;
    }

    /// <summary>The <c>fs_flags</c>, as last set with fd_fdstat_set_flags.</summary>
    public WasiFdFlags Flags { get; set; }

    /// <summary>The directory name a preopen is known by (fd_prestat_get), or null when this is not a preopen.</summary>
    public virtual string? PreopenName => null;

    /// <summary>Reads at most <paramref name="buffer"/>.Length bytes; 0 means end of file.</summary>
    public virtual WasiErrno Read(Span<byte> buffer, out int read)
    {
        read = 0;
        return WasiErrno.Badf;
    }

    /// <summary>Writes all of <paramref name="data"/>.</summary>
    public virtual WasiErrno Write(ReadOnlySpan<byte> data) => WasiErrno.Badf;

    /// <summary>Moves the file offset (fd_seek); streams answer ESPIPE.</summary>
    public virtual WasiErrno Seek(long offset, WasiWhence whence, out long position)
    {
        position = 0;
        return WasiErrno.Spipe;
    }

    /// <summary>Fills a 64-byte <c>$filestat</c>; the default reports only the file type (stdio).</summary>
    public virtual WasiErrno GetFilestat(Span<byte> target)
    {
        target[..WasiLayout.FilestatSize].Clear();
        target[16] = (byte)FileType;
        return WasiErrno.Success;
    }

    /// <summary>Whether a poll for reading (<paramref name="forWrite"/> false) or writing would not block now.</summary>
    public virtual bool IsReady(bool forWrite) => true;

    /// <summary>Releases what the descriptor owns (fd_close). Streams lent by the host are not disposed.</summary>
    public virtual void Close()
    {
    }
}

/// <summary>
/// Descriptor 0, 1 or 2: a character device over a host stream. A null input reads as empty;
/// a null output swallows everything written (and still reports it written).
/// </summary>
internal sealed class StdioDescriptor : WasiDescriptor
{
    private readonly Stream? _stream;
    private readonly bool _isInput;

    /// <summary>
    /// No seek/tell rights: wasi-libc's isatty() checks exactly that together with the character-device type.
    /// </summary>
    public StdioDescriptor(Stream? stream, bool isInput)
        : base((isInput ? WasiRights.FdRead : WasiRights.FdWrite)
            | WasiRights.FdFdstatSetFlags | WasiRights.FdFilestatGet | WasiRights.PollFdReadwrite, WasiRights.None)
    {
        _stream = stream;
        _isInput = isInput;
    }

    /// <summary>True for stdin, false for stdout and stderr.</summary>
    public bool IsInput => _isInput;

    /// <inheritdoc/>
    public override WasiFileType FileType => WasiFileType.CharacterDevice;

    /// <inheritdoc/>
    public override WasiErrno Read(Span<byte> buffer, out int read)
    {
        read = 0;
        if (!_isInput) return WasiErrno.Badf;
        if (_stream is null || buffer.IsEmpty) return WasiErrno.Success;
        try
        {
            read = _stream.Read(buffer);
            return WasiErrno.Success;
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            return WasiErrno.Io;
        }
    }

    /// <inheritdoc/>
    public override WasiErrno Write(ReadOnlySpan<byte> data)
    {
        if (_isInput) return WasiErrno.Badf;
        if (_stream is null || data.IsEmpty) return WasiErrno.Success;
        try
        {
            _stream.Write(data);
            return WasiErrno.Success;
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            return WasiErrno.Io;
        }
    }
}
