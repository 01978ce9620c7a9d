namespace Djinn.Engine.Wasi;

/// <summary>
/// Turns the exceptions .NET file APIs throw into WASI <c>$errno</c> values (typenames.witx), so a host function
/// can return an errno instead of throwing into the guest.
/// </summary>
internal static class WasiFsErrors
{
    /// <summary>
    /// The errno for <paramref name="exception"/>. On Unix .NET puts the raw host errno in <see cref="Exception.HResult"/>
    /// of a plain <see cref="IOException"/>, which is translated like a libc error.
    /// </summary>
    public static WasiErrno FromException(Exception exception) => exception switch
    {
        FileNotFoundException or DirectoryNotFoundException => WasiErrno.NoEnt,
        PathTooLongException => WasiErrno.NameTooLong,
        UnauthorizedAccessException => WasiErrno.Acces,
        ObjectDisposedException => WasiErrno.Badf,
        ArgumentException => WasiErrno.Inval,
        NotSupportedException => WasiErrno.Spipe,
        IOException io when io.HResult is > 0 and < 4096 => WasiHostCalls.FromHostErrno(io.HResult),
        IOException => WasiErrno.Io,
        _ => WasiErrno.Io,
    };

    /// <summary>True for the exceptions <see cref="FromException"/> is meant for (file system failures, not bugs).</summary>
    public static bool IsFileSystemError(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;
}
