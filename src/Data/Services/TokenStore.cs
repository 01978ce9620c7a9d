using System.Security.Cryptography;
using System.Text;
using Djinn.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Djinn.Data.Services;

/// <summary>A token as listed: metadata only, never the token.</summary>
/// <param name="Id">Identifier used to revoke.</param>
/// <param name="Name">Label.</param>
/// <param name="Prefix">First characters of the token.</param>
/// <param name="UserName">The user it acts as.</param>
/// <param name="CreatedAt">Creation time (UTC).</param>
/// <param name="RevokedAt">Revocation time (UTC), or null.</param>
public sealed record TokenInfo(int Id, string Name, string Prefix, string UserName, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>
/// API tokens: 256 random bits, returned once at creation; only their SHA-256 is stored, so a copy of the
/// database does not reveal usable tokens.
/// </summary>
public sealed class TokenStore(DjinnDbContext db)
{
    /// <summary>Every token starts with this, which makes leaked tokens easy to scan for.</summary>
    public const string TokenPrefix = "djinn_";

    /// <summary>Lower-case hex SHA-256 of a token's UTF-8 bytes.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Creates a token for <paramref name="userName"/>; returns its metadata and the token itself (shown once).</summary>
    public async Task<StoreResult<(TokenInfo Info, string Token)>> CreateAsync(string userName, string tokenName, string actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(tokenName) || tokenName.Length > 100)
        {
            return StoreResult<(TokenInfo, string)>.Fail(StoreStatus.Invalid, "name must be 1 to 100 characters");
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        if (user is null)
        {
            return StoreResult<(TokenInfo, string)>.Fail(StoreStatus.NotFound, $"user '{userName}' does not exist");
        }

        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var entity = new ApiToken
        {
            Name = tokenName.Trim(),
            Prefix = token[..(TokenPrefix.Length + 6)],
            TokenHash = Hash(token),
            UserId = user.Id,
            CreatedAt = DateTime.UtcNow,
        };
        db.ApiTokens.Add(entity);
        AuditLog.Record(db, actor, "token.create", "token/" + entity.Prefix, entity.Name);
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<(TokenInfo, string)>.Ok((ToInfo(entity, user.UserName), token));
    }

    /// <summary>All tokens, newest first, including revoked ones.</summary>
    public async Task<List<TokenInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.ApiTokens.AsNoTracking().Include(t => t.User).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        return rows.Select(t => ToInfo(t, t.User?.UserName ?? "")).ToList();
    }

    /// <summary>Revokes a token; false when there is no such token. Revoking twice is harmless.</summary>
    public async Task<bool> RevokeAsync(int id, string actor, CancellationToken cancellationToken = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
        {
            return false;
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = DateTime.UtcNow;
            AuditLog.Record(db, actor, "token.revoke", "token/" + token.Prefix, token.Name);
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>The metadata of a valid (known and not revoked) token, or null.</summary>
    public async Task<TokenInfo?> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var hash = Hash(token);
        var row = await db.ApiTokens.AsNoTracking().Include(t => t.User)
            .FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, cancellationToken);
        return row is null ? null : ToInfo(row, row.User?.UserName ?? "");
    }

    private static TokenInfo ToInfo(ApiToken t, string userName) => new(t.Id, t.Name, t.Prefix, userName, t.CreatedAt, t.RevokedAt);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
