using Microsoft.Win32.SafeHandles;

namespace Djinn.Engine.Wasi;

/// <summary>
/// A guest path resolved by <see cref="WasiPathResolver"/>: the real directory that holds the final name
/// (<see cref="Parent"/>, a handle kept open by the walk), the final name itself (<c>.</c> when the path ended on a
/// directory), whether it exists and its lstat. Disposing closes the handles the walk opened.
/// </summary>
internal sealed class WasiResolvedPath : IDisposable
{
    private readonly SafeFileHandle _rootHandle;
    private readonly List<SafeFileHandle> _handles = new();   // [0] is the start directory's own handle (not owned)
    private readonly List<string> _components;
    private bool _startOwned;

    public WasiResolvedPath(WasiPreopenedDirectory root, SafeFileHandle rootHandle, SafeFileHandle start, IReadOnlyList<string> startComponents)
    {
        Root = root;
        _rootHandle = rootHandle;
        _handles.Add(start);
        _components = new List<string>(startComponents);
    }

    /// <summary>The preopen the path lies in.</summary>
    public WasiPreopenedDirectory Root { get; }

    /// <summary>The handle of the directory holding <see cref="Name"/>.</summary>
    public SafeFileHandle Parent => _handles[^1];

    /// <summary>The names from the preopen's root to <see cref="Parent"/>.</summary>
    public IReadOnlyList<string> ParentComponents => _components;

    /// <summary>The final name in <see cref="Parent"/>; <c>.</c> when the path named <see cref="Parent"/> itself.</summary>
    public string Name { get; private set; } = ".";

    public bool Exists { get; private set; }

    /// <summary>The lstat of the final name (following it when it was a symlink that was followed).</summary>
    public HostStat Stat { get; private set; }

    /// <summary>The guest path's last component was <c>.</c> or <c>..</c>.</summary>
    public bool EndsInDot { get; init; }

    public bool TrailingSlash { get; init; }

    /// <summary>The names from the preopen's root to the result.</summary>
    public IReadOnlyList<string> Components => Name == "." ? _components : [.. _components, Name];

    /// <summary>True when the result is the preopen's root directory itself.</summary>
    public bool IsRoot => Name == "." && _components.Count == 0;

    internal void SetFinal(string name, bool exists, HostStat stat)
    {
        Name = name;
        Exists = exists;
        Stat = stat;
    }

    internal void StepInto(string component, SafeFileHandle handle)
    {
        _handles.Add(handle);
        _components.Add(component);
    }

    /// <summary>"..": back to the previous handle, or, above the start directory, a fresh walk from the root; EPERM past the root.</summary>
    internal WasiErrno StepUp()
    {
        if (_components.Count == 0) return WasiErrno.Perm;
        _components.RemoveAt(_components.Count - 1);
        if (_handles.Count > 1)
        {
            _handles[^1].Dispose();
            _handles.RemoveAt(_handles.Count - 1);
            return WasiErrno.Success;
        }
        var status = WasiPathResolver.OpenFromRoot(_rootHandle, _components, out var handle);
        if (status != WasiErrno.Success) return status;
        if (_startOwned) _handles[0].Dispose();
        _handles[0] = handle!;
        _startOwned = true;
        return WasiErrno.Success;
    }

    public void Dispose()
    {
        for (int i = _startOwned ? 0 : 1; i < _handles.Count; i++) _handles[i].Dispose();
        _handles.Clear();
    }
}
