namespace Djinn.Engine.Wasi;

/// <summary>
/// <c>$clockid</c> (u32) from typenames.witx: https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/witx/typenames.witx
/// </summary>
internal enum WasiClockId
{
    Realtime = 0,
    Monotonic = 1,
    ProcessCputime = 2,
    ThreadCputime = 3,
}

/// <summary><c>$filetype</c> (u8) from typenames.witx.</summary>
internal enum WasiFileType : byte
{
    Unknown = 0,
    BlockDevice = 1,
    CharacterDevice = 2,
    Directory = 3,
    RegularFile = 4,
    SocketDgram = 5,
    SocketStream = 6,
    SymbolicLink = 7,
}

/// <summary><c>$fdflags</c> (u16 flags) from typenames.witx.</summary>
[Flags]
internal enum WasiFdFlags : ushort
{
    None = 0,
    Append = 1 << 0,
    Dsync = 1 << 1,
    NonBlock = 1 << 2,
    Rsync = 1 << 3,
    Sync = 1 << 4,
    All = Append | Dsync | NonBlock | Rsync | Sync,
}

/// <summary><c>$rights</c> (u64 flags) from typenames.witx; bit positions in declaration order.</summary>
[Flags]
internal enum WasiRights : ulong
{
    None = 0,
    FdDatasync = 1UL << 0,
    FdRead = 1UL << 1,
    FdSeek = 1UL << 2,
    FdFdstatSetFlags = 1UL << 3,
    FdSync = 1UL << 4,
    FdTell = 1UL << 5,
    FdWrite = 1UL << 6,
    FdAdvise = 1UL << 7,
    FdAllocate = 1UL << 8,
    PathCreateDirectory = 1UL << 9,
    PathCreateFile = 1UL << 10,
    PathLinkSource = 1UL << 11,
    PathLinkTarget = 1UL << 12,
    PathOpen = 1UL << 13,
    FdReaddir = 1UL << 14,
    PathReadlink = 1UL << 15,
    PathRenameSource = 1UL << 16,
    PathRenameTarget = 1UL << 17,
    PathFilestatGet = 1UL << 18,
    PathFilestatSetSize = 1UL << 19,
    PathFilestatSetTimes = 1UL << 20,
    FdFilestatGet = 1UL << 21,
    FdFilestatSetSize = 1UL << 22,
    FdFilestatSetTimes = 1UL << 23,
    PathSymlink = 1UL << 24,
    PathRemoveDirectory = 1UL << 25,
    PathUnlinkFile = 1UL << 26,
    PollFdReadwrite = 1UL << 27,
    SockShutdown = 1UL << 28,
    SockAccept = 1UL << 29,
}

/// <summary><c>$whence</c> (u8) from typenames.witx.</summary>
internal enum WasiWhence
{
    Set = 0,
    Cur = 1,
    End = 2,
}

/// <summary><c>$eventtype</c> (u8) from typenames.witx.</summary>
internal enum WasiEventType : byte
{
    Clock = 0,
    FdRead = 1,
    FdWrite = 2,
}

/// <summary>
/// Byte offsets and sizes of the preview1 structs, as laid out by the witx C ABI
/// (natural alignment, unions as a u8 tag followed by the payload at the payload's alignment).
/// </summary>
internal static class WasiLayout
{
    /// <summary><c>$iovec</c>/<c>$ciovec</c>: buf (pointer u32) at 0, buf_len (u32) at 4; size 8, align 4.</summary>
    public const int IovecSize = 8;

    /// <summary><c>$fdstat</c>: fs_filetype u8 at 0, fs_flags u16 at 2, fs_rights_base u64 at 8, fs_rights_inheriting u64 at 16; size 24.</summary>
    public const int FdstatSize = 24;

    /// <summary><c>$filestat</c>: dev at 0, ino at 8, filetype u8 at 16, nlink at 24, size at 32, atim at 40, mtim at 48, ctim at 56; size 64.</summary>
    public const int FilestatSize = 64;

    /// <summary><c>$prestat</c>: tag u8 at 0 (<c>$preopentype</c> dir = 0), <c>$prestat_dir</c>.pr_name_len u32 at 4; size 8.</summary>
    public const int PrestatSize = 8;

    /// <summary>
    /// <c>$subscription</c>: userdata u64 at 0, <c>$subscription_u</c> at 8 (tag <c>$eventtype</c> u8 at 8, payload at 16).
    /// <c>$subscription_clock</c> payload: id u32 at +0, timeout u64 at +8, precision u64 at +16, flags u16 at +24.
    /// <c>$subscription_fd_readwrite</c> payload: file_descriptor u32 at +0. Size 48.
    /// </summary>
    public const int SubscriptionSize = 48;

    /// <summary>
    /// <c>$event</c>: userdata u64 at 0, error u16 at 8, type u8 at 10, <c>$event_fd_readwrite</c> at 16
    /// (nbytes u64 at 16, flags u16 at 24). Size 32.
    /// </summary>
    public const int EventSize = 32;

    /// <summary><c>$subclockflags</c>: subscription_clock_abstime.</summary>
    public const ushort SubclockAbstime = 1;
}
