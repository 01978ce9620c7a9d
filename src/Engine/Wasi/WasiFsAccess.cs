using System.Text;

namespace Djinn.Engine.Wasi;

/// <summary>The checks every filesystem function starts with: the descriptor, its rights, the guest's path string.</summary>
internal static class WasiFsAccess
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The directory <paramref name="fd"/> with <paramref name="rights"/>: EBADF when not open, ENOTDIR when not a
    /// directory, ENOTCAPABLE when a right is missing.
    /// </summary>
    public static WasiErrno GetDirectory(WasiContext context, int fd, WasiRights rights, out WasiDirectoryDescriptor directory)
    {
        directory = null!;
        var descriptor = context.Descriptors.Get(fd);
        if (descriptor is null) return WasiErrno.Badf;
        if (descriptor is not WasiDirectoryDescriptor dir) return WasiErrno.NotDir;
        if (!dir.Has(rights)) return WasiErrno.NotCapable;
        directory = dir;
        return WasiErrno.Success;
    }

    /// <summary>
    /// Like <see cref="GetDirectory"/> for a call that changes something: EROFS first when the preopen is read-only.
    /// </summary>
    public static WasiErrno GetWritableDirectory(WasiContext context, int fd, WasiRights rights, out WasiDirectoryDescriptor directory)
    {
        var status = GetDirectory(context, fd, WasiRights.None, out directory);
        if (status != WasiErrno.Success) return status;
        if (directory.Root.ReadOnly) return WasiErrno.Rofs;
        return directory.Has(rights) ? WasiErrno.Success : WasiErrno.NotCapable;
    }

    /// <summary>The guest's path string (<c>string</c> in witx: pointer and length, UTF-8): EFAULT out of bounds, EILSEQ when not UTF-8.</summary>
    public static WasiErrno ReadPath(GuestMemory memory, int pointer, int length, out string path)
    {
        path = "";
        if (!memory.TrySlice(pointer, length, out var bytes)) return WasiErrno.Fault;
        try
        {
            path = _strictUtf8.GetString(bytes);
            return WasiErrno.Success;
        }
        catch (DecoderFallbackException)
        {
            return WasiErrno.Ilseq;
        }
    }

    /// <summary>
    /// The two <c>timespec</c>s of utimensat/futimens for <c>$fstflags</c>: each time is set to the given
    /// <c>$timestamp</c> (nanoseconds), to now, or left alone. A time both given and "now" is EINVAL.
    /// </summary>
    public static WasiErrno BuildTimes(long accessTime, long modifyTime, int flags, out long[] times)
    {
        times = [];
        var f = (WasiFstFlags)flags;
        if ((flags & ~(int)WasiFstFlags.All) != 0) return WasiErrno.Inval;
        if ((f & WasiFstFlags.Atim) != 0 && (f & WasiFstFlags.AtimNow) != 0) return WasiErrno.Inval;
        if ((f & WasiFstFlags.Mtim) != 0 && (f & WasiFstFlags.MtimNow) != 0) return WasiErrno.Inval;
        times = new long[4];
        Set(0, accessTime, (f & WasiFstFlags.Atim) != 0, (f & WasiFstFlags.AtimNow) != 0, times);
        Set(2, modifyTime, (f & WasiFstFlags.Mtim) != 0, (f & WasiFstFlags.MtimNow) != 0, times);
        return WasiErrno.Success;

        static void Set(int index, long nanoseconds, bool given, bool now, long[] times)
        {
            ulong ns = (ulong)nanoseconds; // $timestamp is u64
            times[index] = given ? (long)(ns / 1_000_000_000) : 0;
            times[index + 1] = given ? (long)(ns % 1_000_000_000) : now ? WasiHostCalls.UtimeNow : WasiHostCalls.UtimeOmit;
        }
    }

    /// <summary>Runs a filesystem operation, turning a stray .NET file exception into its errno (never into the guest).</summary>
    public static int Guard(Func<WasiErrno> operation)
    {
        try
        {
            return (int)operation();
        }
        catch (Exception e) when (WasiFsErrors.IsFileSystemError(e))
        {
            return (int)WasiFsErrors.FromException(e);
        }
    }
}
