using System.Security.Cryptography;
using System.Text.Json;
using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Djinn.Data.Services;

/// <summary>One import or export of a module, as described by the engine.</summary>
/// <param name="Module">The import's module name; null for exports.</param>
/// <param name="Name">The item name.</param>
/// <param name="Kind">function, table, memory or global.</param>
/// <param name="Type">A readable type, e.g. <c>[i32] -> []</c>.</param>
public sealed record ModuleItem(string? Module, string Name, string Kind, string Type);

/// <summary>A new version to store. The caller has already validated the module.</summary>
/// <param name="Bytes">The module exactly as uploaded.</param>
/// <param name="Notes">Optional notes.</param>
/// <param name="Imports">What the module imports.</param>
/// <param name="Exports">What the module exports.</param>
/// <param name="Activate">Make it the active version (the first version is always activated).</param>
public sealed record NewVersion(byte[] Bytes, string? Notes, IReadOnlyList<ModuleItem> Imports, IReadOnlyList<ModuleItem> Exports, bool Activate = true);

/// <summary>Stores immutable versions and moves the active-version pointer.</summary>
public sealed class VersionStore(DjinnDbContext db)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    /// <summary>The function and its versions (oldest first), or null when the function does not exist.</summary>
    public async Task<(Function Function, List<FunctionVersion> Versions)?> ListAsync(string name, CancellationToken cancellationToken = default)
    {
        var function = await db.Functions.AsNoTracking().FirstOrDefaultAsync(f => f.Name == name, cancellationToken);
        if (function is null)
        {
            return null;
        }

        var versions = await db.Versions.AsNoTracking().Where(v => v.FunctionId == function.Id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        return (function, versions);
    }

    /// <summary>
    /// Stores a new version numbered one past the highest so far. The content row, the version row,
    /// the pointer move and the audit entry are written in one transaction: a crash leaves all or nothing.
    /// </summary>
    public async Task<StoreResult<FunctionVersion>> CreateAsync(string name, NewVersion version, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(version.Bytes));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var function = await db.Functions.FirstOrDefaultAsync(f => f.Name == name, cancellationToken);
        if (function is null)
        {
            return StoreResult<FunctionVersion>.Fail(StoreStatus.NotFound, $"function '{name}' does not exist");
        }

        var now = DateTime.UtcNow;
        if (!await db.ModuleBlobs.AnyAsync(b => b.Sha256 == sha256, cancellationToken))
        {
            db.ModuleBlobs.Add(new ModuleBlob { Sha256 = sha256, Bytes = version.Bytes, Size = version.Bytes.LongLength, CreatedAt = now });
        }

        var last = await db.Versions.Where(v => v.FunctionId == function.Id).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0;
        var entity = new FunctionVersion
        {
            FunctionId = function.Id,
            Number = last + 1,
            Sha256 = sha256,
            Size = version.Bytes.LongLength,
            Notes = version.Notes,
            CreatedAt = now,
            CreatedBy = actor,
            ImportsJson = JsonSerializer.Serialize(version.Imports, _json),
            ExportsJson = JsonSerializer.Serialize(version.Exports, _json),
        };
        db.Versions.Add(entity);
        if (version.Activate || function.ActiveVersion is null)
        {
            function.ActiveVersion = entity.Number;
        }

        function.UpdatedAt = now;
        AuditLog.Record(db, actor, "version.create", FunctionStore.Target(name), $"version {entity.Number} sha256 {sha256}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StoreResult<FunctionVersion>.Ok(entity);
    }

    /// <summary>Makes version <paramref name="number"/> the active one (this is rollback). Clears a canary on the same version.</summary>
    public async Task<StoreResult<FunctionVersion>> ActivateAsync(string name, int number, string actor, CancellationToken cancellationToken = default)
    {
        var function = await db.Functions.FirstOrDefaultAsync(f => f.Name == name, cancellationToken);
        if (function is null)
        {
            return StoreResult<FunctionVersion>.Fail(StoreStatus.NotFound, $"function '{name}' does not exist");
        }

        var version = await db.Versions.AsNoTracking().FirstOrDefaultAsync(v => v.FunctionId == function.Id && v.Number == number, cancellationToken);
        if (version is null)
        {
            return StoreResult<FunctionVersion>.Fail(StoreStatus.NotFound, $"function '{name}' has no version {number}");
        }

        var previous = function.ActiveVersion;
        function.ActiveVersion = number;
        if (function.CanaryVersion == number)
        {
            function.CanaryVersion = null;
            function.CanaryPercent = 0;
        }

        function.UpdatedAt = DateTime.UtcNow;
        AuditLog.Record(db, actor, "version.activate", FunctionStore.Target(name), $"version {previous?.ToString() ?? "none"} -> {number}");
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<FunctionVersion>.Ok(version);
    }

    /// <summary>The module bytes of a version, or null.</summary>
    public async Task<byte[]?> GetModuleAsync(string name, int number, CancellationToken cancellationToken = default)
    {
        return await db.Versions.AsNoTracking()
            .Where(v => v.Function!.Name == name && v.Number == number)
            .Select(v => v.Blob!.Bytes)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Reads the imports or exports JSON of a version back into items.</summary>
    public static IReadOnlyList<ModuleItem> ParseItems(string json) =>
        JsonSerializer.Deserialize<List<ModuleItem>>(json, _json) ?? [];
}
