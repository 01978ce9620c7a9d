namespace Djinn.Engine.Wasi;

/// <summary>
/// A directory descriptor: a preopen, or a directory opened with path_open. It remembers the preopen it belongs
/// to and its own location below the preopen's root as a list of real (symlink-free) names, which is what
/// <see cref="WasiPathResolver"/> starts from. No host handle is kept; the host path is rebuilt from the names.
/// </summary>
internal sealed class WasiDirectoryDescriptor : WasiDescriptor
{
    private readonly string? _preopenName;
    private List<DirectoryEntry>? _entries;

    public WasiDirectoryDescriptor(WasiPreopenedDirectory root, IReadOnlyList<string> components, WasiRights rightsBase,
        WasiRights rightsInheriting, string? preopenName = null)
        : base(rightsBase, rightsInheriting)
    {
        Root = root;
        Components = components;
        _preopenName = preopenName;
    }

    /// <summary>One entry of a directory listing, as fd_readdir reports it.</summary>
    public readonly record struct DirectoryEntry(byte[] Name, ulong Inode, WasiFileType Type);

    /// <summary>The rights of a preopen: everything for directories and the files below, less changes when read-only.</summary>
    public static WasiDirectoryDescriptor ForPreopen(WasiPreopenedDirectory preopen)
    {
        var mask = preopen.ReadOnly ? ~WasiRightSets.Mutating : WasiRightSets.All;
        return new WasiDirectoryDescriptor(preopen, [], WasiRightSets.Directory & mask,
            (WasiRightSets.Directory | WasiRightSets.File) & mask, preopen.GuestPath);
    }

    /// <inheritdoc/>
    public override WasiFileType FileType => WasiFileType.Directory;

    /// <inheritdoc/>
    public override string? PreopenName => _preopenName;

    /// <summary>The preopen this directory lies in.</summary>
    public WasiPreopenedDirectory Root { get; }

    /// <summary>The names leading from the preopen's root to this directory (empty for the preopen itself).</summary>
    public IReadOnlyList<string> Components { get; }

    /// <summary>The host path of this directory.</summary>
    public string HostPath => WasiPathResolver.HostPathOf(Root, Components);

    /// <summary>Reading a directory as a file: EISDIR.</summary>
    public override WasiErrno Read(Span<byte> buffer, out int read)
    {
        read = 0;
        return WasiErrno.IsDir;
    }

    /// <inheritdoc/>
    public override WasiErrno GetFilestat(Span<byte> target)
    {
        var status = WasiHostCalls.Stat(HostPath, followSymlink: false, out var stat);
        if (status == WasiErrno.Success) stat.WriteFilestat(target);
        return status;
    }

    /// <summary>
    /// The listing fd_readdir pages through: <c>.</c>, <c>..</c>, then the entries by ordinal name. It is read again
    /// when the guest starts over (cookie 0), so cookies stay stable while the guest pages through one listing.
    /// The root's <c>..</c> reports the root itself: nothing about the host above the preopen is revealed.
    /// </summary>
    public WasiErrno GetEntries(bool refresh, out IReadOnlyList<DirectoryEntry> entries)
    {
        entries = [];
        if (_entries is not null && !refresh)
        {
            entries = _entries;
            return WasiErrno.Success;
        }
        string host = HostPath;
        var status = WasiHostCalls.Stat(host, followSymlink: false, out var self);
        if (status != WasiErrno.Success) return status;
        var parent = self;
        if (Components.Count > 0)
        {
            status = WasiHostCalls.Stat(WasiPathResolver.HostPathOf(Root, Components.Take(Components.Count - 1).ToList()), false, out parent);
            if (status != WasiErrno.Success) parent = self;
        }
        var list = new List<DirectoryEntry>
        {
            new("."u8.ToArray(), self.Inode, WasiFileType.Directory),
            new(".."u8.ToArray(), parent.Inode, WasiFileType.Directory),
        };
        try
        {
            var names = Directory.EnumerateFileSystemEntries(host).Select(Path.GetFileName).OfType<string>().ToList();
            names.Sort(StringComparer.Ordinal);
            foreach (var name in names)
            {
                // An entry removed since the enumeration is skipped.
                if (WasiHostCalls.Stat(Path.Join(host, name), followSymlink: false, out var stat) != WasiErrno.Success) continue;
                list.Add(new(System.Text.Encoding.UTF8.GetBytes(name), stat.Inode, stat.FileType));
            }
        }
        catch (Exception e) when (WasiFsErrors.IsFileSystemError(e))
        {
            return WasiFsErrors.FromException(e);
        }
        _entries = list;
        entries = list;
        return WasiErrno.Success;
    }
}
