namespace Djinn.Engine.Wasi;

/// <summary><c>$oflags</c> (u16 flags) from typenames.witx: how path_open creates or opens.</summary>
[Flags]
internal enum WasiOFlags : ushort
{
    None = 0,
    Creat = 1 << 0,
    Directory = 1 << 1,
    Excl = 1 << 2,
    Trunc = 1 << 3,
    All = Creat | Directory | Excl | Trunc,
}

/// <summary><c>$lookupflags</c> (u32 flags) from typenames.witx.</summary>
[Flags]
internal enum WasiLookupFlags
{
    None = 0,
    SymlinkFollow = 1 << 0,
}

/// <summary><c>$fstflags</c> (u16 flags) from typenames.witx: which timestamps fd/path_filestat_set_times change.</summary>
[Flags]
internal enum WasiFstFlags : ushort
{
    None = 0,
    Atim = 1 << 0,
    AtimNow = 1 << 1,
    Mtim = 1 << 2,
    MtimNow = 1 << 3,
    All = Atim | AtimNow | Mtim | MtimNow,
}

/// <summary>The rights sets this implementation hands out (bits of <see cref="WasiRights"/>).</summary>
internal static class WasiRightSets
{
    /// <summary>Every right that applies to a regular file.</summary>
    public const WasiRights File =
        WasiRights.FdDatasync | WasiRights.FdRead | WasiRights.FdSeek | WasiRights.FdFdstatSetFlags | WasiRights.FdSync
        | WasiRights.FdTell | WasiRights.FdWrite | WasiRights.FdAdvise | WasiRights.FdAllocate | WasiRights.FdFilestatGet
        | WasiRights.FdFilestatSetSize | WasiRights.FdFilestatSetTimes | WasiRights.PollFdReadwrite;

    /// <summary>Every right that applies to a directory.</summary>
    public const WasiRights Directory =
        WasiRights.FdFdstatSetFlags | WasiRights.FdSync | WasiRights.FdDatasync | WasiRights.PathCreateDirectory
        | WasiRights.PathCreateFile | WasiRights.PathLinkSource | WasiRights.PathLinkTarget | WasiRights.PathOpen
        | WasiRights.FdReaddir | WasiRights.PathReadlink | WasiRights.PathRenameSource | WasiRights.PathRenameTarget
        | WasiRights.PathFilestatGet | WasiRights.PathFilestatSetSize | WasiRights.PathFilestatSetTimes
        | WasiRights.FdFilestatGet | WasiRights.FdFilestatSetTimes | WasiRights.PathSymlink | WasiRights.PathRemoveDirectory
        | WasiRights.PathUnlinkFile;

    /// <summary>The rights that change the filesystem; a read-only preopen has none of them.</summary>
    public const WasiRights Mutating =
        WasiRights.FdWrite | WasiRights.FdAllocate | WasiRights.FdFilestatSetSize | WasiRights.FdFilestatSetTimes
        | WasiRights.PathCreateDirectory | WasiRights.PathCreateFile | WasiRights.PathLinkSource | WasiRights.PathLinkTarget
        | WasiRights.PathRenameSource | WasiRights.PathRenameTarget | WasiRights.PathFilestatSetSize
        | WasiRights.PathFilestatSetTimes | WasiRights.PathSymlink | WasiRights.PathRemoveDirectory | WasiRights.PathUnlinkFile;

    /// <summary>Every defined right (bits 0 to 29).</summary>
    public const WasiRights All = (WasiRights)((1UL << 30) - 1);
}

/// <summary>Layout of the <c>$dirent</c> header fd_readdir writes before each name (typenames.witx).</summary>
internal static class WasiDirentLayout
{
    /// <summary>d_next u64 at 0, d_ino u64 at 8, d_namlen u32 at 16, d_type u8 at 20; size 24, the name follows unterminated.</summary>
    public const int Size = 24;
}
