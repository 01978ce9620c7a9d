using Djinn.Admin.Web.Services;
using Djinn.Data;
using Djinn.Data.Entities;
using Djinn.Data.Services;
using Microsoft.EntityFrameworkCore;

namespace Djinn.Admin.Web.Gateway;

/// <summary>
/// Reads what the gateway needs about a function from the store: settings, versions, module bytes, environment.
/// A singleton: answers come from <see cref="FunctionConfigCache"/>, and only a miss opens a DI scope and a
/// <see cref="DjinnDbContext"/>, so a request for a function whose configuration did not change touches neither.
/// </summary>
public sealed class FunctionResolver(IServiceScopeFactory scopes, FunctionConfigCache cache)
{
    /// <summary>
    /// The function called <paramref name="name"/> with its limits, or null. Read from the store only when the
    /// configuration changed since it was last read (<see cref="ConfigurationGeneration"/>); the result is shared
    /// between requests and must not be modified.
    /// </summary>
    public ValueTask<Function?> FindAsync(string name, CancellationToken cancellationToken)
    {
        long generation = ConfigurationGeneration.Current;
        return cache.TryGetFunction(name, generation, out var cached)
            ? ValueTask.FromResult(cached)
            : new ValueTask<Function?>(ReadFunctionAsync(name, generation, cancellationToken));
    }

    private async Task<Function?> ReadFunctionAsync(string name, long generation, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DjinnDbContext>();
        var function = await db.Functions.AsNoTracking().Include(f => f.Limits)
            .FirstOrDefaultAsync(f => f.Name == name, cancellationToken);
        // Unknown names are remembered too (until the next configuration change), so a flood of 404s never reaches
        // the store; the cache is bounded, so made-up names cannot grow it without limit.
        cache.SetFunction(name, generation, function);
        return function;
    }

    /// <summary>
    /// The function whose custom route is the longest segment-wise prefix of <paramref name="path"/>, and the rest of
    /// the path after that route (always starting with <c>/</c>); null when no route matches. The route table is read
    /// once per configuration generation; a lookup costs one dictionary probe per path segment, however many
    /// functions there are.
    /// </summary>
    public async ValueTask<(string Name, string Remainder)?> MatchRouteAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        long generation = ConfigurationGeneration.Current;
        var routes = cache.Routes(generation) ?? await ReadRoutesAsync(generation, cancellationToken);
        if (routes.Count == 0)
        {
            return null;
        }

        // Candidates from the longest: the whole path, then the path cut before each '/', down to the root ("").
        for (int end = path.Length; end >= 0; end = end == 0 ? -1 : path.LastIndexOf('/', end - 1))
        {
            if (end < path.Length && path[end] != '/')
            {
                continue;
            }

            if (routes.TryGetValue(path[..end], out var name))
            {
                var rest = path[end..];
                return (name, rest.Length == 0 ? "/" : rest);
            }

            if (end == 0)
            {
                break;
            }
        }

        return null;
    }

    private async Task<IReadOnlyDictionary<string, string>> ReadRoutesAsync(long generation, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DjinnDbContext>();
        var rows = await db.Functions.AsNoTracking().Where(f => f.Route != null)
            .Select(f => new { f.Name, f.Route }).ToListAsync(cancellationToken);
        var routes = new Dictionary<string, string>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            // Routes are unique; should two normalise to the same prefix, the first read wins, as before.
            routes.TryAdd(row.Route!.TrimEnd('/'), row.Name);
        }

        cache.SetRoutes(generation, routes);
        return routes;
    }

    /// <summary>The sha256 of version <paramref name="number"/> of the function, or null when it does not exist.</summary>
    public ValueTask<string?> VersionSha256Async(Function function, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        return cache.VersionSha256(function.Id, function.CreatedAt, number) is { } cached
            ? ValueTask.FromResult<string?>(cached)
            : new ValueTask<string?>(ReadVersionSha256Async(function, number, cancellationToken));
    }

    private async Task<string?> ReadVersionSha256Async(Function function, int number, CancellationToken cancellationToken)
    {
        var functionId = function.Id;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DjinnDbContext>();
        var sha256 = await db.Versions.AsNoTracking().Where(v => v.FunctionId == functionId && v.Number == number)
            .Select(v => v.Sha256).FirstOrDefaultAsync(cancellationToken);
        if (sha256 is not null)
        {
            cache.SetVersionSha256(functionId, function.CreatedAt, number, sha256);
        }

        return sha256;
    }

    /// <summary>The stored module bytes (synchronous: only called on a module cache miss).</summary>
    public byte[]? LoadModule(string sha256)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DjinnDbContext>();
        return db.ModuleBlobs.AsNoTracking().Where(b => b.Sha256 == sha256).Select(b => b.Bytes).FirstOrDefault();
    }

    /// <summary>
    /// The guest's whole environment: the function's variables and its decrypted secrets (a secret wins over a variable
    /// of the same name), and nothing else.
    /// </summary>
    public ValueTask<IReadOnlyDictionary<string, string>> EnvironmentAsync(Function function, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        return cache.Environment(function.Id, function.UpdatedAt) is { } cached
            ? ValueTask.FromResult(cached)
            : new ValueTask<IReadOnlyDictionary<string, string>>(ReadEnvironmentAsync(function, cancellationToken));
    }

    private async Task<IReadOnlyDictionary<string, string>> ReadEnvironmentAsync(Function function, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DjinnDbContext>();
        var secrets = scope.ServiceProvider.GetRequiredService<SecretStore>();
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
