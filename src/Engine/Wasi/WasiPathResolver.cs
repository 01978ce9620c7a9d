namespace Djinn.Engine.Wasi;

/// <summary>
/// The sandbox: resolves a guest path relative to a directory descriptor to a host path that is guaranteed to lie
/// inside that descriptor's preopen. The path is walked one component at a time on the host with lstat; <c>.</c> is
/// skipped, <c>..</c> pops a component and may never pop past the preopen's root, and symlinks are expanded by hand
/// (at most <see cref="MaxSymlinks"/>, then ELOOP) with their targets walked by the same rules, so an absolute
/// target or one that climbs out is refused. Escapes answer EPERM, the convention of wasmtime's WASI (cap-std).
/// Absolute guest paths are refused outright: WASI paths are always relative to a descriptor
/// (wasi_snapshot_preview1.witx, path_open: "The path is relative to the directory fd").
/// <para>
/// What is left of TOCTOU: the result is a host path, and the caller's syscall resolves it again. Intermediate
/// directories that another host process swaps for a symlink between the walk and the syscall would be followed;
/// final components are opened with O_NOFOLLOW where the call allows it. The guest itself cannot race its own calls
/// (preview1 guests are single-threaded, and every WASI call of a store runs to completion).
/// </para>
/// </summary>
internal static class WasiPathResolver
{
    /// <summary>Symlinks expanded during one resolution before ELOOP (Linux's own limit is 40; wasmtime's 40, ours 32).</summary>
    public const int MaxSymlinks = 32;

    /// <summary>The host path of <paramref name="components"/> below <paramref name="root"/>.</summary>
    public static string HostPathOf(WasiPreopenedDirectory root, IReadOnlyList<string> components) =>
        components.Count == 0 ? root.HostPath : Path.Join(root.HostPath, string.Join('/', components));

    /// <summary>
    /// Resolves <paramref name="path"/> relative to <paramref name="directory"/>. The final component may be missing
    /// (<see cref="WasiResolvedPath.Exists"/> false, for creation); a missing intermediate one is ENOENT, a file in the middle
    /// ENOTDIR. A final symlink is followed only when <paramref name="followFinal"/> (or the path ends with a slash).
    /// </summary>
    public static WasiErrno Resolve(WasiDirectoryDescriptor directory, string path, bool followFinal, out WasiResolvedPath resolved)
    {
        resolved = default!;
        if (path.Length == 0) return WasiErrno.NoEnt;
        if (path.Contains('\0')) return WasiErrno.Inval;
        if (path[0] == '/') return WasiErrno.Perm;

        bool trailingSlash = path.EndsWith('/');
        string last = path.TrimEnd('/');
        last = last[(last.LastIndexOf('/') + 1)..];
        bool endsInDot = last is "." or "..";

        var stack = new List<string>(directory.Components);
        var pending = new Stack<string>(); // the components still to walk, the next one on top
        Push(pending, path);
        int symlinks = 0;
        bool exists = true;
        HostStat stat = default;
        bool haveStat = false;
        while (pending.Count > 0)
        {
            string component = pending.Pop();
            if (component == ".") continue;
            if (component == "..")
            {
                if (stack.Count == 0) return WasiErrno.Perm;
                stack.RemoveAt(stack.Count - 1);
                haveStat = false;
                continue;
            }
            bool isLast = pending.Count == 0;
            string candidate = Path.Join(HostPathOf(directory.Root, stack), component);
            var status = WasiHostCalls.Stat(candidate, followSymlink: false, out stat);
            if (status == WasiErrno.NoEnt && isLast)
            {
                stack.Add(component);
                exists = false;
                break;
            }
            if (status != WasiErrno.Success) return status;
            if (stat.IsSymlink && (!isLast || followFinal || trailingSlash))
            {
                if (++symlinks > MaxSymlinks) return WasiErrno.Loop;
                status = WasiHostCalls.ReadLink(candidate, out var target);
                if (status != WasiErrno.Success) return status;
                string text = System.Text.Encoding.UTF8.GetString(target);
                if (text.Length == 0) return WasiErrno.NoEnt;
                if (text[0] == '/') return WasiErrno.Perm;
                Push(pending, text);
                continue;
            }
            if (!isLast && !stat.IsDirectory) return WasiErrno.NotDir;
            stack.Add(component);
            haveStat = true;
        }

        if (exists && !haveStat)
        {
            // The path ended on a directory reached through "." or "..": stat it now.
            var status = WasiHostCalls.Stat(HostPathOf(directory.Root, stack), followSymlink: false, out stat);
            if (status != WasiErrno.Success) return status;
        }
        if (exists && trailingSlash && !stat.IsDirectory) return WasiErrno.NotDir;
        resolved = new WasiResolvedPath(directory.Root, stack, exists, stat, endsInDot, trailingSlash);
        return WasiErrno.Success;
    }

    /// <summary>
    /// Whether a symlink holding <paramref name="target"/>, placed in the directory <paramref name="parent"/> (names below the root),
    /// stays inside the root when read lexically: not absolute, and no <c>..</c> climbs past the root.
    /// </summary>
    public static bool StaysInside(IReadOnlyList<string> parent, string target)
    {
        if (target.Length == 0 || target[0] == '/' || target.Contains('\0')) return false;
        int depth = parent.Count;
        foreach (var component in target.Split('/'))
        {
            if (component == "..")
            {
                if (--depth < 0) return false;
            }
            else if (component is not ("" or ".")) depth++;
        }
        return true;
    }

    private static void Push(Stack<string> pending, string path)
    {
        var components = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (int i = components.Length - 1; i >= 0; i--) pending.Push(components[i]);
    }
}

/// <summary>
/// A resolved guest path: the names from the preopen's root (<see cref="Components"/>, the last one the final name),
/// whether that final name exists, and its lstat when it does.
/// </summary>
internal sealed record WasiResolvedPath(
    WasiPreopenedDirectory Root, IReadOnlyList<string> Components, bool Exists, HostStat Stat, bool EndsInDot, bool TrailingSlash)
{
    /// <summary>The host path of the result.</summary>
    public string HostPath => WasiPathResolver.HostPathOf(Root, Components);

    /// <summary>The names of the directory that contains the result.</summary>
    public IReadOnlyList<string> Parent => Components.Take(Math.Max(0, Components.Count - 1)).ToList();
}
