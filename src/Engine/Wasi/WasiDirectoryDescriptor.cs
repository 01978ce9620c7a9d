using Microsoft.Win32.SafeHandles;

namespace Djinn.Engine.Wasi;

/// <summary>
/// A directory descriptor: a preopen, or a directory opened with path_open. It holds a host handle to the directory
/// (every path call starts its walk from it, and its own metadata calls use it), the handle of its preopen's root
/// (for <c>..</c> above it), and its location below the root as real, symlink-free names.
/// </summary>
internal sealed class WasiDirectoryDescriptor : WasiDescriptor
{
    private readonly string? _preopenName;
    private List<DirectoryEntry>? _entries;

    public WasiDirectoryDescriptor(WasiPreopenedDirectory root, SafeFileHandle rootHandle, IReadOnlyList<string> components,
        SafeFileHandle handle, WasiRights rightsBase, WasiRights rightsInheriting, string? preopenName = null)
        : base(rightsBase, rightsInheriting)
    {
        Root = root;
        RootHandle = rootHandle;
        Components = components;
        Handle = handle;
        _preopenName = preopenName;
    }

    /// <summary>One entry of a directory listing, as fd_readdir reports it.</summary>
    public readonly record struct DirectoryEntry(byte[] Name, ulong Inode, WasiFileType Type);

    /// <summary>
    /// Opens a preopen's root and gives it the rights of a preopen: everything for directories and the files below,
    /// less every change when read-only. The root handle lives as long as the store (closing fd 3 does not close it,
    /// since directories opened below still walk up through it).
    /// </summary>
    /// <exception cref="IOException">The host directory cannot be opened.</exception>
    public static WasiDirectoryDescriptor ForPreopen(WasiPreopenedDirectory preopen)
    {
        var status = WasiHostCalls.Open(preopen.HostPath, WasiHostCalls.OpenFlags.Directory, out var handle);
        if (status != WasiErrno.Success) throw new IOException($"preopened directory '{preopen.HostPath}' cannot be opened ({status})");
        var mask = preopen.ReadOnly ? ~WasiRightSets.Mutating : WasiRightSets.All;
        return new WasiDirectoryDescriptor(preopen, handle!, [], handle!, WasiRightSets.Directory & mask,
            (WasiRightSets.Directory | WasiRightSets.File) & mask, preopen.GuestPath);
    }

    /// <inheritdoc/>
    public override WasiFileType FileType => WasiFileType.Directory;

    /// <inheritdoc/>
    public override string? PreopenName => _preopenName;

    /// <summary>The preopen this directory lies in.</summary>
    public WasiPreopenedDirectory Root { get; }

    /// <summary>The handle of the preopen's root directory.</summary>
    public SafeFileHandle RootHandle { get; }

    /// <summary>This directory's own handle (O_RDONLY | O_DIRECTORY).</summary>
    public SafeFileHandle Handle { get; }

    /// <summary>The names leading from the preopen's root to this directory (empty for the preopen itself).</summary>
    public IReadOnlyList<string> Components { get; }

    /// <summary>Reading a directory as a file: EISDIR.</summary>
    public override WasiErrno Read(Span<byte> buffer, out int read)
    {
        read = 0;
        return WasiErrno.IsDir;
    }

    /// <inheritdoc/>
    public override WasiErrno GetFilestat(Span<byte> target)
    {
        var status = WasiHostCalls.Stat(Handle, out var stat);
        if (status == WasiErrno.Success) stat.WriteFilestat(target);
        return status;
    }

    /// <summary>
    /// The listing fd_readdir pages through: <c>.</c>, <c>..</c>, then the entries by ordinal name. It is read again
    /// when the guest starts over (cookie 0), so cookies stay stable while the guest pages through one listing.
    /// The names come from the directory the handle holds (through <c>/proc/self/fd</c>; the recorded host path
    /// only where /proc is not mounted). The root's <c>..</c> reports the root itself: nothing above the preopen shows.
    /// </summary>
    public WasiErrno GetEntries(bool refresh, out IReadOnlyList<DirectoryEntry> entries)
    {
        entries = [];
        if (_entries is not null && !refresh)
        {
            entries = _entries;
            return WasiErrno.Success;
        }
        var status = WasiHostCalls.Stat(Handle, out var self);
        if (status != WasiErrno.Success) return status;
        var parent = self;
        if (Components.Count > 0 && WasiHostCalls.StatAt(Handle, "..", followSymlink: false, out var up) == WasiErrno.Success) parent = up;
        var list = new List<DirectoryEntry>
        {
            new("."u8.ToArray(), self.Inode, WasiFileType.Directory),
            new(".."u8.ToArray(), parent.Inode, WasiFileType.Directory),
        };
        try
        {
            string byHandle = $"/proc/self/fd/{(int)Handle.DangerousGetHandle()}";
            string listed = Directory.Exists(byHandle) ? byHandle : WasiPathResolver.HostPathOf(Root, Components);
            var names = Directory.EnumerateFileSystemEntries(listed).Select(Path.GetFileName).OfType<string>().ToList();
            names.Sort(StringComparer.Ordinal);
            foreach (var name in names)
            {
                // An entry removed since the enumeration is skipped.
                if (WasiHostCalls.StatAt(Handle, name, followSymlink: false, out var stat) != WasiErrno.Success) continue;
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

    /// <summary>Closes this directory's handle; a preopen's root handle stays open for the directories below it.</summary>
    public override void Close()
    {
        if (Handle != RootHandle) Handle.Dispose();
    }
}
