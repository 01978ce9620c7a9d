namespace Djinn.Engine;

/// <summary>
/// A host directory granted to the guest (<see cref="WasiConfiguration.PreopenDirectory"/>). The guest sees it as
/// a preopened descriptor (fd_prestat_get, <c>$preopentype</c> dir) named <see cref="GuestPath"/>; every path it
/// resolves through it stays inside <see cref="HostPath"/>.
/// </summary>
public sealed class WasiPreopenedDirectory
{
    internal WasiPreopenedDirectory(string hostPath, string guestPath, bool readOnly)
    {
        HostPath = hostPath;
        GuestPath = guestPath;
        ReadOnly = readOnly;
    }

    /// <summary>The absolute host directory, without a trailing separator (except for the root itself).</summary>
    public string HostPath { get; }

    /// <summary>The name the guest knows the directory by (for example <c>/data</c> or <c>.</c>).</summary>
    public string GuestPath { get; }

    /// <summary>When true, nothing under the directory can be created, changed or removed by the guest (EROFS).</summary>
    public bool ReadOnly { get; }
}
