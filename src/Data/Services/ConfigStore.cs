using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Djinn.Data.Services;

/// <summary>Plain environment variables and resource limits of a function.</summary>
public sealed class ConfigStore(DjinnDbContext db)
{
    /// <summary>Most environment variables a function may have.</summary>
    public const int MaxVariables = 1000;

    /// <summary>The variables of a function by name, or null when the function does not exist.</summary>
    public async Task<SortedDictionary<string, string>?> GetEnvAsync(string name, CancellationToken cancellationToken = default)
    {
        var id = await FunctionIdAsync(name, cancellationToken);
        if (id is null)
        {
            return null;
        }

        var vars = await db.EnvVars.AsNoTracking().Where(e => e.FunctionId == id).ToListAsync(cancellationToken);
        return new SortedDictionary<string, string>(vars.ToDictionary(e => e.Name, e => e.Value), StringComparer.Ordinal);
    }

    /// <summary>Replaces all variables of a function in one transaction.</summary>
    public async Task<StoreResult<bool>> ReplaceEnvAsync(string name, IReadOnlyDictionary<string, string> values, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count > MaxVariables)
        {
            return StoreResult<bool>.Fail(StoreStatus.Invalid, $"a function may have at most {MaxVariables} variables");
        }

        foreach (var (key, value) in values)
        {
            if (!ConfigNames.IsValidVariable(key))
            {
                return StoreResult<bool>.Fail(StoreStatus.Invalid, $"'{key}' is not a valid variable name ({ConfigNames.VariablePattern})");
            }

            if (value is null || value.Length > ConfigNames.MaxValueLength)
            {
                return StoreResult<bool>.Fail(StoreStatus.Invalid, $"the value of '{key}' must be a string of at most {ConfigNames.MaxValueLength} characters");
            }
        }

        var function = await db.Functions.FirstOrDefaultAsync(f => f.Name == name, cancellationToken);
        if (function is null)
        {
            return StoreResult<bool>.Fail(StoreStatus.NotFound, $"function '{name}' does not exist");
        }

        // One SaveChanges is one transaction: the old set is replaced atomically.
        db.EnvVars.RemoveRange(await db.EnvVars.Where(e => e.FunctionId == function.Id).ToListAsync(cancellationToken));
        db.EnvVars.AddRange(values.Select(kv => new EnvVar { FunctionId = function.Id, Name = kv.Key, Value = kv.Value }));
        function.UpdatedAt = DateTime.UtcNow;
        AuditLog.Record(db, actor, "env.replace", FunctionStore.Target(name), "names: " + string.Join(' ', values.Keys.Order(StringComparer.Ordinal)));
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<bool>.Ok(true);
    }

    /// <summary>The limits of a function, or null when the function does not exist.</summary>
    public async Task<FunctionLimits?> GetLimitsAsync(string name, CancellationToken cancellationToken = default)
    {
        var id = await FunctionIdAsync(name, cancellationToken);
        if (id is null)
        {
            return null;
        }

        return await db.Limits.AsNoTracking().FirstOrDefaultAsync(l => l.FunctionId == id, cancellationToken)
            ?? new FunctionLimits { FunctionId = id.Value };
    }

    /// <summary>Replaces the limits of a function; Invalid when a value is out of range (see <see cref="LimitRanges"/>).</summary>
    public async Task<StoreResult<FunctionLimits>> SetLimitsAsync(string name, FunctionLimits limits, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = LimitRanges.Validate(limits);
        if (errors.Count > 0)
        {
            return StoreResult<FunctionLimits>.Fail(StoreStatus.Invalid, string.Join("; ", errors.Select(e => $"{e.Key} {e.Value[0]}")));
        }

        var function = await db.Functions.FirstOrDefaultAsync(f => f.Name == name, cancellationToken);
        if (function is null)
        {
            return StoreResult<FunctionLimits>.Fail(StoreStatus.NotFound, $"function '{name}' does not exist");
        }

        var row = await db.Limits.FirstOrDefaultAsync(l => l.FunctionId == function.Id, cancellationToken);
        if (row is null)
        {
            row = new FunctionLimits { FunctionId = function.Id };
            db.Limits.Add(row);
        }

        row.TimeoutMs = limits.TimeoutMs;
        row.MemoryMb = limits.MemoryMb;
        row.Fuel = limits.Fuel;
        row.MaxConcurrency = limits.MaxConcurrency;
        row.MaxRequestBytes = limits.MaxRequestBytes;
        row.MaxResponseBytes = limits.MaxResponseBytes;
        row.RateLimitPerSecond = limits.RateLimitPerSecond;
        row.RateLimitBurst = limits.RateLimitBurst;
        function.UpdatedAt = DateTime.UtcNow;
        AuditLog.Record(db, actor, "limits.set", FunctionStore.Target(name),
            $"timeoutMs={row.TimeoutMs} memoryMb={row.MemoryMb} fuel={row.Fuel} maxConcurrency={row.MaxConcurrency} " +
            $"maxRequestBytes={row.MaxRequestBytes} maxResponseBytes={row.MaxResponseBytes} rateLimitPerSecond={row.RateLimitPerSecond} rateLimitBurst={row.RateLimitBurst}");
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<FunctionLimits>.Ok(row);
    }

    private Task<int?> FunctionIdAsync(string name, CancellationToken cancellationToken) =>
        db.Functions.Where(f => f.Name == name).Select(f => (int?)f.Id).FirstOrDefaultAsync(cancellationToken);
}
