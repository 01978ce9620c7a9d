using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Djinn.Data;

/// <summary>Puts every SQLite connection in WAL mode as it opens (readers then never block the writer).</summary>
internal sealed class WalConnectionInterceptor : DbConnectionInterceptor
{
    public static readonly WalConnectionInterceptor Instance = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
