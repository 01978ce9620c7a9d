using Djinn.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Djinn.Data.Services;

/// <summary>What a caller may set when creating or changing a function; null means "leave as is".</summary>
/// <param name="Route">Custom route; an empty string clears it.</param>
/// <param name="Mode">JSON or raw.</param>
/// <param name="Auth">Gateway authentication requirement.</param>
/// <param name="CorsOrigins">Allowed CORS origins (replaces the list).</param>
/// <param name="CanaryVersion">Canary version number; 0 clears the canary.</param>
/// <param name="CanaryPercent">Canary share, 0–100.</param>
public sealed record FunctionChanges(
    string? Route = null,
    FunctionMode? Mode = null,
    FunctionAuth? Auth = null,
    IReadOnlyList<string>? CorsOrigins = null,
    int? CanaryVersion = null,
    int? CanaryPercent = null);

/// <summary>Creates, reads, changes and deletes functions.</summary>
public sealed class FunctionStore(DjinnDbContext db)
{
    /// <summary>All functions, by name.</summary>
    public Task<List<Function>> ListAsync(CancellationToken cancellationToken = default) =>
        db.Functions.AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken);

    /// <summary>The function called <paramref name="name"/>, or null.</summary>
    public Task<Function?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        db.Functions.AsNoTracking().FirstOrDefaultAsync(f => f.Name == name, cancellationToken);

    /// <summary>Creates a function with default limits; Conflict when the name or route is taken.</summary>
    public async Task<StoreResult<Function>> CreateAsync(string name, FunctionChanges changes, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!FunctionNames.IsValid(name))
        {
            return StoreResult<Function>.Fail(StoreStatus.Invalid, $"name must match {FunctionNames.Pattern}");
        }

        if (await db.Functions.AnyAsync(f => f.Name == name, cancellationToken))
        {
            return StoreResult<Function>.Fail(StoreStatus.Conflict, $"function '{name}' already exists");
        }

        var now = DateTime.UtcNow;
        var function = new Function { Name = name, CreatedAt = now, UpdatedAt = now, Limits = new FunctionLimits() };
        var error = await ApplyAsync(function, changes, cancellationToken);
        if (error is not null)
        {
            return error.Value;
        }

        db.Functions.Add(function);
        AuditLog.Record(db, actor, "function.create", Target(name));
        return await SaveAsync(function, cancellationToken);
    }

    /// <summary>Applies <paramref name="changes"/> to an existing function.</summary>
    public async Task<StoreResult<Function>> UpdateAsync(string name, FunctionChanges changes, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var function = await db.Functions.FirstOrDefaultAsync(f => f.Name == name, cancellationToken);
        if (function is null)
        {
            return StoreResult<Function>.Fail(StoreStatus.NotFound, $"function '{name}' does not exist");
        }

        var error = await ApplyAsync(function, changes, cancellationToken);
        if (error is not null)
        {
            return error.Value;
        }

        function.UpdatedAt = DateTime.UtcNow;
        AuditLog.Record(db, actor, "function.update", Target(name), Describe(changes));
        return await SaveAsync(function, cancellationToken);
    }

    /// <summary>
    /// Deletes a function with its versions, configuration and secrets, and any module content no other
    /// version uses, in one transaction. False when it does not exist.
    /// </summary>
    public async Task<bool> DeleteAsync(string name, string actor, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var function = await db.Functions.FirstOrDefaultAsync(f => f.Name == name, cancellationToken);
        if (function is null)
        {
            return false;
        }

        db.Functions.Remove(function);
        AuditLog.Record(db, actor, "function.delete", Target(name));
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            "DELETE FROM ModuleBlobs WHERE Sha256 NOT IN (SELECT Sha256 FROM Versions)", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The audit target of a function, e.g. <c>function/hello</c>.</summary>
    public static string TargetOf(string name) => "function/" + name;

    internal static string Target(string name) => TargetOf(name);

    private async Task<StoreResult<Function>?> ApplyAsync(Function function, FunctionChanges changes, CancellationToken cancellationToken)
    {
        if (changes.Route is not null)
        {
            var route = changes.Route.Length == 0 ? null : changes.Route;
            if (route is not null && !ConfigNames.IsValidRoute(route))
            {
                return StoreResult<Function>.Fail(StoreStatus.Invalid, "route must be an absolute path such as /hello");
            }

            if (route is not null && await db.Functions.AnyAsync(f => f.Route == route && f.Id != function.Id, cancellationToken))
            {
                return StoreResult<Function>.Fail(StoreStatus.Conflict, $"route '{route}' is used by another function");
            }

            function.Route = route;
        }

        function.Mode = changes.Mode ?? function.Mode;
        function.Auth = changes.Auth ?? function.Auth;
        if (changes.CorsOrigins is not null)
        {
            function.CorsOrigins = string.Join('\n', changes.CorsOrigins.Select(o => o.Trim()).Where(o => o.Length > 0).Distinct());
        }

        if (changes.CanaryPercent is { } percent)
        {
            if (percent is < 0 or > 100)
            {
                return StoreResult<Function>.Fail(StoreStatus.Invalid, "canaryPercent must be between 0 and 100");
            }

            function.CanaryPercent = percent;
        }

        if (changes.CanaryVersion is { } canary)
        {
            if (canary != 0 && !await db.Versions.AnyAsync(v => v.FunctionId == function.Id && v.Number == canary, cancellationToken))
            {
                return StoreResult<Function>.Fail(StoreStatus.Invalid, $"version {canary} does not exist");
            }

            if (canary != 0 && canary == function.ActiveVersion)
            {
                return StoreResult<Function>.Fail(StoreStatus.Invalid, $"version {canary} is already the active version");
            }

            function.CanaryVersion = canary == 0 ? null : canary;
        }

        if (function.CanaryVersion is null)
        {
            function.CanaryPercent = 0;
        }

        return null;
    }

    private async Task<StoreResult<Function>> SaveAsync(Function function, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return StoreResult<Function>.Ok(function);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 }) // SQLITE_CONSTRAINT
        {
            // A concurrent request took the name or route between the check and the insert.
            return StoreResult<Function>.Fail(StoreStatus.Conflict, $"function '{function.Name}' or its route already exists");
        }
    }

    private static string Describe(FunctionChanges c)
    {
        var parts = new List<string>();
        if (c.Route is not null) parts.Add("route=" + c.Route);
        if (c.Mode is not null) parts.Add("mode=" + c.Mode);
        if (c.Auth is not null) parts.Add("auth=" + c.Auth);
        if (c.CorsOrigins is not null) parts.Add("corsOrigins=" + string.Join(' ', c.CorsOrigins));
        if (c.CanaryVersion is not null) parts.Add("canaryVersion=" + c.CanaryVersion);
        if (c.CanaryPercent is not null) parts.Add("canaryPercent=" + c.CanaryPercent);
        return string.Join(", ", parts);
    }
}
