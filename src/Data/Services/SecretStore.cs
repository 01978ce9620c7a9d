using Djinn.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Secret = Djinn.Data.Entities.Secret;

namespace Djinn.Data.Services;

/// <summary>
/// Secrets of a function, encrypted with ASP.NET Core Data Protection before they reach the database.
/// The admin surface can only list names, set and delete; <see cref="RevealAllAsync"/> exists for the
/// function host, which passes the values to the guest as its environment.
/// </summary>
public sealed class SecretStore(DjinnDbContext db, IDataProtectionProvider dataProtection)
{
    /// <summary>The Data Protection purpose string; changing it makes existing secrets unreadable.</summary>
    public const string Purpose = "Djinn.Data.Secrets.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    /// <summary>The secret names of a function, sorted, or null when the function does not exist.</summary>
    public async Task<List<string>?> ListNamesAsync(string name, CancellationToken cancellationToken = default)
    {
        var id = await db.Functions.Where(f => f.Name == name).Select(f => (int?)f.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            return null;
        }

        var names = await db.Secrets.AsNoTracking().Where(s => s.FunctionId == id).Select(s => s.Name).ToListAsync(cancellationToken);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>Creates or replaces a secret. The audit entry names the key, never the value.</summary>
    public async Task<StoreResult<bool>> SetAsync(string name, string key, string value, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!ConfigNames.IsValidVariable(key))
        {
            return StoreResult<bool>.Fail(StoreStatus.Invalid, $"'{key}' is not a valid secret name ({ConfigNames.VariablePattern})");
        }

        if (value.Length > ConfigNames.MaxValueLength)
        {
            return StoreResult<bool>.Fail(StoreStatus.Invalid, $"a secret value may have at most {ConfigNames.MaxValueLength} characters");
        }

        var function = await db.Functions.FirstOrDefaultAsync(f => f.Name == name, cancellationToken);
        if (function is null)
        {
            return StoreResult<bool>.Fail(StoreStatus.NotFound, $"function '{name}' does not exist");
        }

        var now = DateTime.UtcNow;
        var secret = await db.Secrets.FirstOrDefaultAsync(s => s.FunctionId == function.Id && s.Name == key, cancellationToken);
        if (secret is null)
        {
            secret = new Secret { FunctionId = function.Id, Name = key, CreatedAt = now };
            db.Secrets.Add(secret);
        }

        secret.Ciphertext = _protector.Protect(value);
        secret.UpdatedAt = now;
        function.UpdatedAt = now;
        AuditLog.Record(db, actor, "secret.set", FunctionStore.Target(name), key);
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<bool>.Ok(true);
    }

    /// <summary>Deletes a secret; NotFound when the function or the secret does not exist.</summary>
    public async Task<StoreResult<bool>> DeleteAsync(string name, string key, string actor, CancellationToken cancellationToken = default)
    {
        var function = await db.Functions.FirstOrDefaultAsync(f => f.Name == name, cancellationToken);
        if (function is null)
        {
            return StoreResult<bool>.Fail(StoreStatus.NotFound, $"function '{name}' does not exist");
        }

        var secret = await db.Secrets.FirstOrDefaultAsync(s => s.FunctionId == function.Id && s.Name == key, cancellationToken);
        if (secret is null)
        {
            return StoreResult<bool>.Fail(StoreStatus.NotFound, $"function '{name}' has no secret '{key}'");
        }

        db.Secrets.Remove(secret);
        function.UpdatedAt = DateTime.UtcNow;
        AuditLog.Record(db, actor, "secret.delete", FunctionStore.Target(name), key);
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<bool>.Ok(true);
    }

    /// <summary>
    /// Decrypts every secret of a function for the function host, which hands them to the guest.
    /// Never expose the result through an endpoint, a log or a page.
    /// </summary>
    public async Task<Dictionary<string, string>?> RevealAllAsync(string name, CancellationToken cancellationToken = default)
    {
        var id = await db.Functions.Where(f => f.Name == name).Select(f => (int?)f.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            return null;
        }

        var secrets = await db.Secrets.AsNoTracking().Where(s => s.FunctionId == id).ToListAsync(cancellationToken);
        return secrets.ToDictionary(s => s.Name, s => _protector.Unprotect(s.Ciphertext), StringComparer.Ordinal);
    }
}
