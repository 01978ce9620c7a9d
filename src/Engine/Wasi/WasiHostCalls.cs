using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Djinn.Engine.Wasi;

/// <summary>
/// The few libc calls the WASI filesystem makes directly (Linux, glibc ≥ 2.33 for the plain stat symbols;
/// the older <c>__fxstat</c> family is the fallback). They are the <c>*at</c> calls, relative to directory
/// descriptors, because that is what makes the sandbox race-free (<see cref="WasiPathResolver"/>), and .NET has none.
/// .NET's own file APIs also differ from POSIX where WASI needs POSIX exactly: <c>Directory.CreateDirectory</c>
/// succeeds on an existing directory, <c>File.Delete</c> on a missing file, <c>File.Move</c> refuses directories, and
/// inode numbers, link counts and nanosecond times are not exposed. Each call returns a WASI errno translated from the
/// host's with <see cref="FromHostErrno"/>; nothing here throws. Names are single components the resolver checked.
/// </summary>
internal static class WasiHostCalls
{
    private const string Libc = "libc";
    private const int AtFdCwd = -100;
    private const int AtSymlinkNofollow = 0x100;
    private const int AtRemoveDir = 0x200;

    /// <summary><c>UTIME_NOW</c> and <c>UTIME_OMIT</c> for the tv_nsec field of <c>utimensat</c>.</summary>
    public const long UtimeNow = (1L << 30) - 1, UtimeOmit = (1L << 30) - 2;

    /// <summary>Linux <c>open(2)</c> flags.</summary>
    [Flags]
    public enum OpenFlags
    {
        ReadOnly = 0, WriteOnly = 1, ReadWrite = 2, Create = 0x40, Exclusive = 0x80, Truncate = 0x200,
        Append = 0x400, NonBlock = 0x800, Dsync = 0x1000, Directory = 0x10000, NoFollow = 0x20000,
        CloseOnExec = 0x80000, Path = 0x200000, Sync = 0x101000,
    }

    /// <summary>Opens the host path <paramref name="path"/> itself (a preopen's root); everything below is opened with <see cref="OpenAt"/>.</summary>
    public static WasiErrno Open(string path, OpenFlags flags, out SafeFileHandle? handle)
    {
        int fd = open(path, (int)(flags | OpenFlags.CloseOnExec), 0);
        handle = fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : null;
        return fd >= 0 ? WasiErrno.Success : LastError();
    }

    /// <summary>openat: <paramref name="name"/> in the directory <paramref name="directory"/> (mode 0666 for created files, less the umask).</summary>
    public static WasiErrno OpenAt(SafeFileHandle directory, string name, OpenFlags flags, out SafeFileHandle? handle)
    {
        int fd = openat(Fd(directory), name, (int)(flags | OpenFlags.CloseOnExec), 0b110_110_110);
        handle = fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : null;
        return fd >= 0 ? WasiErrno.Success : LastError();
    }

    /// <summary>fstatat, following a final symlink or not.</summary>
    public static WasiErrno StatAt(SafeFileHandle directory, string name, bool followSymlink, out HostStat info)
    {
        var buffer = new byte[256];
        int flags = followSymlink ? 0 : AtSymlinkNofollow;
        int result;
        try
        {
            result = fstatat(Fd(directory), name, buffer, flags);
        }
        catch (EntryPointNotFoundException)
        {
            result = __fxstatat(1, Fd(directory), name, buffer, flags);
        }
        return Finish(result, buffer, out info);
    }

    /// <summary>fstat on an open descriptor.</summary>
    public static WasiErrno Stat(SafeFileHandle handle, out HostStat info)
    {
        var buffer = new byte[256];
        int result;
        try
        {
            result = fstat(Fd(handle), buffer);
        }
        catch (EntryPointNotFoundException)
        {
            result = __fxstat(1, Fd(handle), buffer);
        }
        return Finish(result, buffer, out info);
    }

    /// <summary>mkdirat with mode 0777 less the umask.</summary>
    public static WasiErrno CreateDirectoryAt(SafeFileHandle directory, string name) => Check(mkdirat(Fd(directory), name, 0b111_111_111));

    /// <summary>unlinkat: a non-directory, or with <paramref name="directory"/> an empty directory (AT_REMOVEDIR).</summary>
    public static WasiErrno UnlinkAt(SafeFileHandle parent, string name, bool directory) => Check(unlinkat(Fd(parent), name, directory ? AtRemoveDir : 0));

    /// <summary>renameat: POSIX rename between two directories.</summary>
    public static WasiErrno RenameAt(SafeFileHandle fromDirectory, string from, SafeFileHandle toDirectory, string to) =>
        Check(renameat(Fd(fromDirectory), from, Fd(toDirectory), to));

    /// <summary>linkat without AT_SYMLINK_FOLLOW: a hard link to <paramref name="existing"/> itself, even when it is a symlink.</summary>
    public static WasiErrno LinkAt(SafeFileHandle existingDirectory, string existing, SafeFileHandle newDirectory, string newName) =>
        Check(linkat(Fd(existingDirectory), existing, Fd(newDirectory), newName, 0));

    /// <summary>symlinkat: creates <paramref name="name"/> holding <paramref name="target"/> as given.</summary>
    public static WasiErrno SymlinkAt(string target, SafeFileHandle directory, string name) => Check(symlinkat(target, Fd(directory), name));

    /// <summary>The raw bytes a symlink holds (EINVAL when it is not a symlink).</summary>
    public static WasiErrno ReadLinkAt(SafeFileHandle directory, string name, out byte[] target)
    {
        var buffer = new byte[4096];
        nint length = readlinkat(Fd(directory), name, buffer, buffer.Length);
        target = length >= 0 ? buffer.AsSpan(0, (int)length).ToArray() : [];
        return length >= 0 ? WasiErrno.Success : LastError();
    }

    /// <summary>utimensat on a name, never following a final symlink; each time is (seconds, nanoseconds) or tv_nsec <see cref="UtimeNow"/>/<see cref="UtimeOmit"/>.</summary>
    public static WasiErrno SetTimesAt(SafeFileHandle directory, string name, long[] times) =>
        Check(utimensat(Fd(directory), name, times, AtSymlinkNofollow));

    /// <summary>futimens on an open descriptor.</summary>
    public static WasiErrno SetTimes(SafeFileHandle handle, long[] times) => Check(futimens(Fd(handle), times));

    /// <summary>fsync, or fdatasync when <paramref name="dataOnly"/>.</summary>
    public static WasiErrno Sync(SafeFileHandle handle, bool dataOnly) => Check(dataOnly ? fdatasync(Fd(handle)) : fsync(Fd(handle)));

    /// <summary>
    /// Linux errno values (asm-generic/errno-base.h, errno.h) to the WASI <c>$errno</c> of typenames.witx.
    /// Anything unlisted is EIO.
    /// </summary>
    public static WasiErrno FromHostErrno(int errno) => errno switch
    {
        1 => WasiErrno.Perm, 2 => WasiErrno.NoEnt, 4 => WasiErrno.Intr, 5 => WasiErrno.Io, 6 => WasiErrno.Nxio,
        7 => WasiErrno.TooBig, 9 => WasiErrno.Badf, 11 => WasiErrno.Again, 12 => WasiErrno.NoMem, 13 => WasiErrno.Acces,
        14 => WasiErrno.Fault, 16 => WasiErrno.Busy, 17 => WasiErrno.Exist, 18 => WasiErrno.Xdev, 19 => WasiErrno.NoDev,
        20 => WasiErrno.NotDir, 21 => WasiErrno.IsDir, 22 => WasiErrno.Inval, 23 => WasiErrno.Nfile, 24 => WasiErrno.Mfile,
        25 => WasiErrno.NoTty, 26 => WasiErrno.TxtBsy, 27 => WasiErrno.Fbig, 28 => WasiErrno.NoSpc, 29 => WasiErrno.Spipe,
        30 => WasiErrno.Rofs, 31 => WasiErrno.Mlink, 32 => WasiErrno.Pipe, 36 => WasiErrno.NameTooLong,
        38 => WasiErrno.NoSys, 39 => WasiErrno.NotEmpty, 40 => WasiErrno.Loop, 75 => WasiErrno.Overflow,
        84 => WasiErrno.Ilseq, 95 => WasiErrno.NotSup, 122 => WasiErrno.Dquot,
        _ => WasiErrno.Io,
    };

    private static int Fd(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    private static WasiErrno Check(int result) => result == 0 ? WasiErrno.Success : LastError();

    private static WasiErrno LastError() => FromHostErrno(Marshal.GetLastPInvokeError());

    private static WasiErrno Finish(int result, byte[] buffer, out HostStat info)
    {
        info = result == 0 ? HostStat.Parse(buffer) : default;
        return Check(result);
    }

    [DllImport(Libc, SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport(Libc, SetLastError = true)]
    private static extern int openat(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport(Libc, SetLastError = true)]
    private static extern int fstatat(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer, int flags);

    [DllImport(Libc, SetLastError = true)]
    private static extern int __fxstatat(int version, int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer, int flags);

    [DllImport(Libc, SetLastError = true)]
    private static extern int fstat(int fd, byte[] buffer);

    [DllImport(Libc, SetLastError = true)]
    private static extern int __fxstat(int version, int fd, byte[] buffer);

    [DllImport(Libc, SetLastError = true)]
    private static extern int mkdirat(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    [DllImport(Libc, SetLastError = true)]
    private static extern int unlinkat(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport(Libc, SetLastError = true)]
    private static extern int renameat(int fromDirectoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string from,
        int toDirectoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    [DllImport(Libc, SetLastError = true)]
    private static extern int linkat(int existingDirectoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string existing,
        int newDirectoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, int flags);

    [DllImport(Libc, SetLastError = true)]
    private static extern int symlinkat([MarshalAs(UnmanagedType.LPUTF8Str)] string target, int directoryFd,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string linkPath);

    [DllImport(Libc, SetLastError = true)]
    private static extern nint readlinkat(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer, nint size);

    [DllImport(Libc, SetLastError = true)]
    private static extern int utimensat(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, long[] times, int flags);

    [DllImport(Libc, SetLastError = true)]
    private static extern int futimens(int fd, long[] times);

    [DllImport(Libc, SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport(Libc, SetLastError = true)]
    private static extern int fdatasync(int fd);
}

/// <summary>The fields of a host <c>struct stat</c> that a WASI <c>$filestat</c> reports.</summary>
internal readonly record struct HostStat(
    ulong Device, ulong Inode, uint Mode, ulong LinkCount, long Size, long AccessNs, long ModifyNs, long ChangeNs)
{
    /// <summary>The WASI file type of the <c>S_IFMT</c> bits (a FIFO has no WASI type: unknown).</summary>
    public WasiFileType FileType => (Mode & 0xF000) switch
    {
        0x4000 => WasiFileType.Directory,
        0x8000 => WasiFileType.RegularFile,
        0xA000 => WasiFileType.SymbolicLink,
        0x2000 => WasiFileType.CharacterDevice,
        0x6000 => WasiFileType.BlockDevice,
        0xC000 => WasiFileType.SocketStream,
        _ => WasiFileType.Unknown,
    };

    /// <summary>True for a directory.</summary>
    public bool IsDirectory => FileType == WasiFileType.Directory;

    /// <summary>True for a symlink (only an lstat can see one).</summary>
    public bool IsSymlink => FileType == WasiFileType.SymbolicLink;

    /// <summary>Reads a Linux <c>struct stat</c>: the x86-64 layout, or the generic one (arm64 and others).</summary>
    public static HostStat Parse(ReadOnlySpan<byte> b)
    {
        if (RuntimeInformation.ProcessArchitecture == Architecture.X64)
        {
            // dev@0 ino@8 nlink@16 mode@24 uid gid pad rdev@40 size@48 blksize blocks atim@72 mtim@88 ctim@104
            return new(U64(b, 0), U64(b, 8), BinaryPrimitives.ReadUInt32LittleEndian(b[24..]), U64(b, 16), (long)U64(b, 48), Time(b, 72), Time(b, 88), Time(b, 104));
        }
        // dev@0 ino@8 mode@16 nlink@20(u32) uid gid rdev@32 pad size@48 blksize blocks atim@72 mtim@88 ctim@104
        return new(U64(b, 0), U64(b, 8), BinaryPrimitives.ReadUInt32LittleEndian(b[16..]), BinaryPrimitives.ReadUInt32LittleEndian(b[20..]),
            (long)U64(b, 48), Time(b, 72), Time(b, 88), Time(b, 104));
    }

    private static ulong U64(ReadOnlySpan<byte> b, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(b[offset..]);

    private static long Time(ReadOnlySpan<byte> b, int offset) => (long)U64(b, offset) * 1_000_000_000 + (long)U64(b, offset + 8);

    /// <summary>Writes this as a 64-byte <c>$filestat</c> (see <see cref="WasiLayout.FilestatSize"/>).</summary>
    public void WriteFilestat(Span<byte> target)
    {
        target[..WasiLayout.FilestatSize].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(target, Device);
        BinaryPrimitives.WriteUInt64LittleEndian(target[8..], Inode);
        target[16] = (byte)FileType;
        BinaryPrimitives.WriteUInt64LittleEndian(target[24..], LinkCount);
        BinaryPrimitives.WriteUInt64LittleEndian(target[32..], (ulong)Size);
        BinaryPrimitives.WriteUInt64LittleEndian(target[40..], (ulong)AccessNs);
        BinaryPrimitives.WriteUInt64LittleEndian(target[48..], (ulong)ModifyNs);
        BinaryPrimitives.WriteUInt64LittleEndian(target[56..], (ulong)ChangeNs);
    }
}
