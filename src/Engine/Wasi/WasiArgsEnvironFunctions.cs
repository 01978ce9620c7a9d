namespace Djinn.Engine.Wasi;

/// <summary>
/// args_get, args_sizes_get, environ_get, environ_sizes_get
/// (https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/witx/wasi_snapshot_preview1.witx).
/// Strings are NUL-terminated UTF-8; the pointer array gets one u32 per string pointing into the buffer.
/// </summary>
internal sealed class WasiArgsEnvironFunctions
{
    private readonly WasiContext _context;

    public WasiArgsEnvironFunctions(WasiContext context)
    {
        _context = context;
    }

    public void Register(Action<string, Delegate> add)
    {
        add("args_get", new Func<int, int, int>(ArgsGet));
        add("args_sizes_get", new Func<int, int, int>(ArgsSizesGet));
        add("environ_get", new Func<int, int, int>(EnvironGet));
        add("environ_sizes_get", new Func<int, int, int>(EnvironSizesGet));
    }

    /// <summary><c>args_get(argv: Pointer&lt;Pointer&lt;u8&gt;&gt;, argv_buf: Pointer&lt;u8&gt;) -> errno</c>.</summary>
    public int ArgsGet(int argv, int argvBuffer) => (int)WriteStrings(_context.Arguments, argv, argvBuffer);

    /// <summary><c>args_sizes_get() -> (errno, size, size)</c>: argc and the buffer size, through two result pointers.</summary>
    public int ArgsSizesGet(int countPointer, int sizePointer) => (int)WriteSizes(_context.Arguments, countPointer, sizePointer);

    /// <summary><c>environ_get(environ: Pointer&lt;Pointer&lt;u8&gt;&gt;, environ_buf: Pointer&lt;u8&gt;) -> errno</c>.</summary>
    public int EnvironGet(int environ, int environBuffer) => (int)WriteStrings(_context.Environment, environ, environBuffer);

    /// <summary><c>environ_sizes_get() -> (errno, size, size)</c>.</summary>
    public int EnvironSizesGet(int countPointer, int sizePointer) => (int)WriteSizes(_context.Environment, countPointer, sizePointer);

    private WasiErrno WriteStrings(IReadOnlyList<byte[]> strings, int pointers, int buffer)
    {
        var memory = _context.GuestMemory;
        long total = 0;
        foreach (var s in strings) total += s.Length;
        // Check both regions before writing anything, so a fault leaves memory untouched.
        if (!memory.InBounds(pointers, 4L * strings.Count) || !memory.InBounds(buffer, total)) return WasiErrno.Fault;
        uint cursor = (uint)buffer;
        for (int i = 0; i < strings.Count; i++)
        {
            memory.TryWriteUInt32(pointers + 4 * i, cursor);
            memory.TrySlice((int)cursor, strings[i].Length, out var target);
            strings[i].CopyTo(target);
            cursor += (uint)strings[i].Length;
        }
        return WasiErrno.Success;
    }

    private WasiErrno WriteSizes(IReadOnlyList<byte[]> strings, int countPointer, int sizePointer)
    {
        var memory = _context.GuestMemory;
        if (!memory.InBounds(countPointer, 4) || !memory.InBounds(sizePointer, 4)) return WasiErrno.Fault;
        long total = 0;
        foreach (var s in strings) total += s.Length;
        if (total > uint.MaxValue) return WasiErrno.Overflow;
        memory.TryWriteUInt32(countPointer, (uint)strings.Count);
        memory.TryWriteUInt32(sizePointer, (uint)total);
        return WasiErrno.Success;
    }
}
