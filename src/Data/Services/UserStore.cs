using System.Security.Cryptography;
using Djinn.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Djinn.Data.Services;

/// <summary>Operator accounts with passwords hashed by <see cref="PasswordHasher{TUser}"/>.</summary>
public sealed class UserStore(DjinnDbContext db)
{
    /// <summary>Name of the account created at first start.</summary>
    public const string AdminUserName = "admin";

    private static readonly PasswordHasher<User> _hasher = new();

    /// <summary>
    /// Creates the <c>admin</c> account when it does not exist yet, with <paramref name="password"/> or, when that
    /// is empty, a generated one. Returns the generated password (to show once), or null when none was generated.
    /// </summary>
    public async Task<string?> EnsureAdminAsync(string? password, CancellationToken cancellationToken = default)
    {
        if (await db.Users.AnyAsync(u => u.UserName == AdminUserName, cancellationToken))
        {
            return null;
        }

        var generated = string.IsNullOrEmpty(password) ? GeneratePassword() : null;
        var user = new User { UserName = AdminUserName, IsAdmin = true, CreatedAt = DateTime.UtcNow };
        user.PasswordHash = _hasher.HashPassword(user, password is { Length: > 0 } ? password : generated!);
        db.Users.Add(user);
        AuditLog.Record(db, "system", "user.create", "user/" + AdminUserName);
        await db.SaveChangesAsync(cancellationToken);
        return generated;
    }

    /// <summary>The user called <paramref name="userName"/>, or null.</summary>
    public Task<User?> FindAsync(string userName, CancellationToken cancellationToken = default) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);

    /// <summary>The user when <paramref name="password"/> is right, otherwise null.</summary>
    public async Task<User?> VerifyPasswordAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(userName, cancellationToken);
        if (user is null)
        {
            return null;
        }

        return _hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y');
}
