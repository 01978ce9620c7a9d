namespace Djinn.Engine.Wasi;

/// <summary>
/// The guest's descriptor table: small integers (<c>$fd</c>, a u32 handle in typenames.witx) to open descriptors.
/// New descriptors take the lowest free number, as POSIX does, so preopens will number from 3 upwards.
/// </summary>
internal sealed class WasiFdTable
{
    private readonly Dictionary<int, WasiDescriptor> _entries = new();

    /// <summary>How many descriptors are open.</summary>
    public int Count => _entries.Count;

    /// <summary>The descriptor numbered <paramref name="fd"/>, or null (EBADF).</summary>
    public WasiDescriptor? Get(int fd) => _entries.GetValueOrDefault(fd);

    /// <summary>Places <paramref name="descriptor"/> at <paramref name="fd"/>, replacing what was there.</summary>
    public void Set(int fd, WasiDescriptor descriptor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        _entries[fd] = descriptor;
    }

    /// <summary>Adds <paramref name="descriptor"/> at the lowest free number and returns it.</summary>
    public int Add(WasiDescriptor descriptor)
    {
        int fd = 0;
        while (_entries.ContainsKey(fd)) fd++;
        _entries[fd] = descriptor;
        return fd;
    }

    /// <summary>Removes and closes descriptor <paramref name="fd"/>; false when it was not open.</summary>
    public bool Close(int fd)
    {
        if (!_entries.Remove(fd, out var descriptor)) return false;
        descriptor.Close();
        return true;
    }

    /// <summary>Closes every descriptor (the context is being disposed).</summary>
    public void CloseAll()
    {
        foreach (var descriptor in _entries.Values) descriptor.Close();
        _entries.Clear();
    }

    /// <summary>
    /// fd_renumber: atomically moves <paramref name="from"/> onto <paramref name="to"/>, closing what <paramref name="to"/> held.
    /// Both must be open.
    /// </summary>
    public WasiErrno Renumber(int from, int to)
    {
        if (!_entries.TryGetValue(from, out var descriptor) || !_entries.TryGetValue(to, out var replaced)) return WasiErrno.Badf;
        if (from == to) return WasiErrno.Success;
        _entries.Remove(from);
        _entries[to] = descriptor;
        replaced.Close();
        return WasiErrno.Success;
    }
}
