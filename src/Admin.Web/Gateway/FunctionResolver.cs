using Djinn.Admin.Web.Services;
using Djinn.Data;
using Djinn.Data.Entities;
using Djinn.Data.Services;
using Microsoft.EntityFrameworkCore;

namespace Djinn.Admin.Web.Gateway;

/// <summary>Reads what the gateway needs about a function from the store: settings, versions, module bytes, environment.</summary>
public sealed class FunctionResolver(DjinnDbContext db, SecretStore secrets, FunctionConfigCache cache)
{
    /// <summary>
    /// The function called <paramref name="name"/> with its limits, or null. Read from the store only when the
    /// configuration changed since it was last read (<see cref="ConfigurationGeneration"/>); the result is shared
    /// between requests and must not be modified.
    /// </summary>
    public async Task<Function?> FindAsync(string name, CancellationToken cancellationToken)
    {
        long generation = ConfigurationGeneration.Current;
        if (cache.Function(name, generation) is { } cached)
        {
            return cached;
        }

        var function = await db.Functions.AsNoTracking().Include(f => f.Limits)
            .FirstOrDefaultAsync(f => f.Name == name, cancellationToken);
        if (function is not null)
        {
            cache.SetFunction(name, generation, function);
        }

        return function;
    }

    /// <summary>
    /// The function whose custom route is the longest segment-wise prefix of <paramref name="path"/>, and the rest of
    /// the path after that route (always starting with <c>/</c>); null when no route matches.
    /// </summary>
    public async Task<(string Name, string Remainder)?> MatchRouteAsync(string path, CancellationToken cancellationToken)
    {
        var routes = await db.Functions.AsNoTracking().Where(f => f.Route != null)
            .Select(f => new { f.Name, f.Route }).ToListAsync(cancellationToken);
        (string Name, string Remainder)? best = null;
        int bestLength = -1;
        foreach (var candidate in routes)
        {
            var route = candidate.Route!.TrimEnd('/');
            if (route.Length <= bestLength || !path.StartsWith(route, StringComparison.Ordinal))
            {
                continue;
            }

            if (path.Length != route.Length && path[route.Length] != '/')
            {
                continue;
            }

            var rest = path[route.Length..];
            best = (candidate.Name, rest.Length == 0 ? "/" : rest);
            bestLength = route.Length;
        }

        return best;
    }

    /// <summary>The sha256 of version <paramref name="number"/> of the function, or null when it does not exist.</summary>
    public async Task<string?> VersionSha256Async(Function function, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var functionId = function.Id;
        if (cache.VersionSha256(functionId, function.CreatedAt, number) is { } cached)
        {
            return cached;
        }

        var sha256 = await db.Versions.AsNoTracking().Where(v => v.FunctionId == functionId && v.Number == number)
            .Select(v => v.Sha256).FirstOrDefaultAsync(cancellationToken);
        if (sha256 is not null)
        {
            cache.SetVersionSha256(functionId, function.CreatedAt, number, sha256);
        }

        return sha256;
    }

    /// <summary>The stored module bytes (synchronous: only called on a module cache miss).</summary>
    public byte[]? LoadModule(string sha256) =>
        db.ModuleBlobs.AsNoTracking().Where(b => b.Sha256 == sha256).Select(b => b.Bytes).FirstOrDefault();

    /// <summary>
    /// The guest's whole environment: the function's variables and its decrypted secrets (a secret wins over a variable
    /// of the same name), and nothing else.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> EnvironmentAsync(Function function, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (cache.Environment(function.Id, function.UpdatedAt) is { } cached)
        {
            return cached;
        }

        var environment = await db.EnvVars.AsNoTracking().Where(e => e.FunctionId == function.Id)
            .ToDictionaryAsync(e => e.Name, e => e.Value, StringComparer.Ordinal, cancellationToken);
        var revealed = await secrets.RevealAllAsync(function.Name, cancellationToken);
        if (revealed is not null)
        {
            foreach (var (name, value) in revealed)
            {
                environment[name] = value;
            }
        }

        cache.SetEnvironment(function.Id, function.UpdatedAt, environment);
        return environment;
    }
}
