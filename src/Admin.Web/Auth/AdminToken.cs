using System.Security.Cryptography;
using System.Text;

namespace Djinn.Admin.Web.Auth;

/// <summary>
/// The token from <c>DJINN_ADMIN_TOKEN</c>, if set at start: valid as an admin token for as long as the
/// variable is set. It is kept only as a hash and compared in constant time; it is never stored.
/// </summary>
public sealed class AdminToken
{
    /// <summary>The configuration key (environment variable).</summary>
    public const string Key = "DJINN_ADMIN_TOKEN";

    private readonly byte[]? _hash;

    /// <summary>Reads <see cref="Key"/> from configuration.</summary>
    public AdminToken(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var token = configuration[Key];
        _hash = string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>True when <paramref name="token"/> is the configured admin token.</summary>
    public bool Matches(string token) =>
        _hash is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
