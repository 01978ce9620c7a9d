using Microsoft.Win32.SafeHandles;

namespace Djinn.Engine.Wasi;

/// <summary>
/// The sandbox: resolves a guest path relative to a directory descriptor to a (directory handle, name) pair that is
/// guaranteed to lie inside that descriptor's preopen. The walk starts from the descriptor's own directory handle and
/// goes one component at a time with the <c>*at</c> calls: fstatat without following, then openat with
/// <c>O_NOFOLLOW | O_DIRECTORY</c> to step into a directory. <c>.</c> is skipped; <c>..</c> steps back to the
/// handle it came from and may never climb past the preopen's root; symlinks are read with readlinkat and their
/// targets walked by the same rules (at most <see cref="MaxSymlinks"/>, then ELOOP), so an absolute target or one
/// that climbs out is refused. Escapes answer EPERM, the convention of wasmtime's WASI (cap-std). Absolute guest paths
/// are refused outright: preview1 paths are always relative to a descriptor (wasi_snapshot_preview1.witx, path_open).
/// <para>
/// Because every step holds a handle to the real directory reached so far, swapping a directory for a symlink
/// while a call is under way cannot redirect it: the step into it fails (ELOOP/ENOTDIR) and the final operation is
/// an <c>*at</c> call on a held handle, with O_NOFOLLOW or AT_SYMLINK_NOFOLLOW on the final name. What remains: a
/// <c>..</c> above a descriptor's own directory re-walks its recorded names from the preopen's root, so for a
/// directory that was moved since it was opened, <c>..</c> means its old place (still inside the preopen).
/// </para>
/// </summary>
internal static class WasiPathResolver
{
    /// <summary>Symlinks expanded during one resolution before ELOOP (Linux itself allows 40).</summary>
    public const int MaxSymlinks = 32;

    private const WasiHostCalls.OpenFlags StepFlags =
        WasiHostCalls.OpenFlags.Path | WasiHostCalls.OpenFlags.Directory | WasiHostCalls.OpenFlags.NoFollow;

    /// <summary>The host path of <paramref name="components"/> below <paramref name="root"/> (for messages and fallbacks only).</summary>
    public static string HostPathOf(WasiPreopenedDirectory root, IReadOnlyList<string> components) =>
        components.Count == 0 ? root.HostPath : Path.Join(root.HostPath, string.Join('/', components));

    /// <summary>
    /// Resolves <paramref name="path"/> relative to <paramref name="directory"/>. The final name may be missing
    /// (<see cref="WasiResolvedPath.Exists"/> false, for creation); a missing intermediate one is ENOENT, a file in the
    /// middle ENOTDIR. A final symlink is followed only when <paramref name="followFinal"/> (or the path ends with a
    /// slash). The caller disposes the result, which holds the directory handles of the walk.
    /// </summary>
    public static WasiErrno Resolve(WasiDirectoryDescriptor directory, string path, bool followFinal, out WasiResolvedPath resolved)
    {
        resolved = null!;
        if (path.Length == 0) return WasiErrno.NoEnt;
        if (path.Contains('\0')) return WasiErrno.Inval;
        if (path[0] == '/') return WasiErrno.Perm;
        bool trailingSlash = path.EndsWith('/');
        string last = path.TrimEnd('/');
        last = last[(last.LastIndexOf('/') + 1)..];

        var walk = new WasiResolvedPath(directory.Root, directory.RootHandle, directory.Handle, directory.Components)
        {
            EndsInDot = last is "." or "..",
            TrailingSlash = trailingSlash,
        };
        var status = Walk(walk, path, followFinal || trailingSlash);
        if (status == WasiErrno.Success && walk.Exists && trailingSlash && !walk.Stat.IsDirectory) status = WasiErrno.NotDir;
        if (status != WasiErrno.Success)
        {
            walk.Dispose();
            return status;
        }
        resolved = walk;
        return WasiErrno.Success;
    }

    private static WasiErrno Walk(WasiResolvedPath walk, string path, bool followFinal)
    {
        var pending = new Stack<string>(); // the components still to walk, the next one on top
        Push(pending, path);
        int symlinks = 0;
        while (pending.Count > 0)
        {
            string component = pending.Pop();
            if (component == ".") continue;
            if (component == "..")
            {
                var up = walk.StepUp();
                if (up != WasiErrno.Success) return up;
                continue;
            }
            bool isLast = pending.Count == 0;
            var status = WasiHostCalls.StatAt(walk.Parent, component, followSymlink: false, out var stat);
            if (status == WasiErrno.NoEnt && isLast)
            {
                walk.SetFinal(component, exists: false, default);
                return WasiErrno.Success;
            }
            if (status != WasiErrno.Success) return status;
            if (stat.IsSymlink && (!isLast || followFinal))
            {
                if (++symlinks > MaxSymlinks) return WasiErrno.Loop;
                status = WasiHostCalls.ReadLinkAt(walk.Parent, component, out var target);
                if (status != WasiErrno.Success) return status;
                string text = System.Text.Encoding.UTF8.GetString(target);
                if (text.Length == 0) return WasiErrno.NoEnt;
                if (text[0] == '/' || text.Contains('\0')) return WasiErrno.Perm;
                Push(pending, text);
                continue;
            }
            if (isLast)
            {
                walk.SetFinal(component, exists: true, stat);
                return WasiErrno.Success;
            }
            if (!stat.IsDirectory) return WasiErrno.NotDir;
            status = WasiHostCalls.OpenAt(walk.Parent, component, StepFlags, out var handle);
            if (status != WasiErrno.Success) return status;
            walk.StepInto(component, handle!);
        }
        // The path ended on a directory reached through "." or "..": the final name is "." of the current directory.
        var self = WasiHostCalls.Stat(walk.Parent, out var own);
        if (self != WasiErrno.Success) return self;
        walk.SetFinal(".", exists: true, own);
        return WasiErrno.Success;
    }

    /// <summary>Opens the directory <paramref name="components"/> below the root handle, one O_NOFOLLOW step at a time.</summary>
    public static WasiErrno OpenFromRoot(SafeFileHandle rootHandle, IReadOnlyList<string> components, out SafeFileHandle? handle)
    {
        handle = null;
        SafeFileHandle current = rootHandle;
        foreach (var component in components)
        {
            var status = WasiHostCalls.OpenAt(current, component, StepFlags, out var next);
            if (current != rootHandle) current.Dispose();
            if (status != WasiErrno.Success) return status;
            current = next!;
        }
        if (current == rootHandle) return WasiHostCalls.OpenAt(rootHandle, ".", StepFlags, out handle);
        handle = current;
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
