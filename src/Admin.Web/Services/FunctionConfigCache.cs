using System.Collections.Concurrent;

namespace Djinn.Admin.Web.Services;

/// <summary>
/// Per-function configuration the gateway would otherwise read on every request: the guest environment (variables and
/// decrypted secrets) and the sha256 of each version. Entries are keyed by the function's id and its
/// <c>UpdatedAt</c> stamp, which every store write to the function, its config, secrets, limits or versions moves, so
/// a change is seen by the next request. Versions are immutable, so their hashes never go stale.
/// </summary>
public sealed class FunctionConfigCache
{
    /// <summary>Functions kept; past this the cache starts over (it only saves store reads).</summary>
    public const int Capacity = 8192;

    private readonly ConcurrentDictionary<int, Entry> _environments = new();
    private readonly ConcurrentDictionary<(int FunctionId, DateTime Created, int Version), string> _versions = new();

    /// <summary>The cached environment of <paramref name="functionId"/> as of <paramref name="stamp"/>, or null.</summary>
    public IReadOnlyDictionary<string, string>? Environment(int functionId, DateTime stamp) =>
        _environments.TryGetValue(functionId, out var entry) && entry.Stamp == stamp ? entry.Environment : null;

    /// <summary>Remembers the environment read as of <paramref name="stamp"/>.</summary>
    public void SetEnvironment(int functionId, DateTime stamp, IReadOnlyDictionary<string, string> environment)
    {
        if (_environments.Count >= Capacity)
        {
            _environments.Clear();
        }

        _environments[functionId] = new Entry(stamp, environment);
    }

    /// <summary>
    /// The cached sha256 of a version, or null. The function's creation time is part of the key because SQLite may give
    /// a deleted function's id to a new one.
    /// </summary>
    public string? VersionSha256(int functionId, DateTime created, int version) =>
        _versions.TryGetValue((functionId, created, version), out var sha256) ? sha256 : null;

    /// <summary>Remembers a version's sha256.</summary>
    public void SetVersionSha256(int functionId, DateTime created, int version, string sha256)
    {
        if (_versions.Count >= Capacity * 8)
        {
            _versions.Clear();
        }

        _versions[(functionId, created, version)] = sha256;
    }

    private readonly ConcurrentDictionary<string, (long Generation, Data.Entities.Function Function)> _functions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _unknown = new(StringComparer.Ordinal);
    private volatile RouteTable? _routes;

    /// <summary>The function read as of configuration generation <paramref name="generation"/>, or null.</summary>
    public Data.Entities.Function? Function(string name, long generation) =>
        _functions.TryGetValue(name, out var entry) && entry.Generation == generation ? entry.Function : null;

    /// <summary>
    /// True when the store was read for <paramref name="name"/> as of <paramref name="generation"/>;
    /// <paramref name="function"/> is then the function, or null when there was none of that name.
    /// </summary>
    public bool TryGetFunction(string name, long generation, out Data.Entities.Function? function)
    {
        if (_functions.TryGetValue(name, out var entry) && entry.Generation == generation)
        {
            function = entry.Function;
            return true;
        }

        function = null;
        return _unknown.TryGetValue(name, out var seen) && seen == generation;
    }

    /// <summary>
    /// Remembers a function (with its limits) read as of <paramref name="generation"/>, or, when
    /// <paramref name="function"/> is null, that no function of that name existed then. Unknown names are kept apart
    /// (and bounded), so a flood of made-up names never evicts the functions in use.
    /// </summary>
    public void SetFunction(string name, long generation, Data.Entities.Function? function)
    {
        if (function is null)
        {
            if (_unknown.Count >= Capacity)
            {
                _unknown.Clear();
            }

            _unknown[name] = generation;
            return;
        }

        if (_functions.Count >= Capacity)
        {
            _functions.Clear();
        }

        _unknown.TryRemove(name, out _);
        _functions[name] = (generation, function);
    }

    /// <summary>The custom routes (route without trailing <c>/</c> → function name) as of <paramref name="generation"/>, or null.</summary>
    public IReadOnlyDictionary<string, string>? Routes(long generation) =>
        _routes is { } table && table.Generation == generation ? table.Routes : null;

    /// <summary>Remembers the custom routes read as of <paramref name="generation"/>.</summary>
    public void SetRoutes(long generation, IReadOnlyDictionary<string, string> routes) => _routes = new RouteTable(generation, routes);

    private sealed record RouteTable(long Generation, IReadOnlyDictionary<string, string> Routes);

    private sealed record Entry(DateTime Stamp, IReadOnlyDictionary<string, string> Environment);
}
