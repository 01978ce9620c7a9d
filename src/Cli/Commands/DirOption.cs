namespace Djinn.Cli.Commands;

/// <summary>
/// One <c>--dir HOST[::GUEST][:ro]</c> of <c>djinn run</c>: the host directory, the name the guest sees it by
/// (the host text as given when no <c>::GUEST</c>) and whether it is read-only.
/// </summary>
/// <param name="HostPath">The host directory as given.</param>
/// <param name="GuestPath">The preopen's name in the guest.</param>
/// <param name="ReadOnly">True with the <c>:ro</c> suffix.</param>
internal sealed record DirOption(string HostPath, string GuestPath, bool ReadOnly)
{
    private const string ReadOnlySuffix = ":ro";

    /// <summary>Parses the option's value; null (and <paramref name="error"/>) when it is malformed.</summary>
    public static DirOption? Parse(string value, out string? error)
    {
        error = null;
        bool readOnly = value.EndsWith(ReadOnlySuffix, StringComparison.Ordinal) && value.Length > ReadOnlySuffix.Length;
        if (readOnly) value = value[..^ReadOnlySuffix.Length];
        int separator = value.IndexOf("::", StringComparison.Ordinal);
        string host = separator < 0 ? value : value[..separator];
        string guest = separator < 0 ? value : value[(separator + 2)..];
        if (host.Length == 0 || guest.Length == 0)
        {
            error = $"--dir expects HOST[::GUEST][:ro], got '{value}'";
            return null;
        }
        return new DirOption(host, guest, readOnly);
    }
}
