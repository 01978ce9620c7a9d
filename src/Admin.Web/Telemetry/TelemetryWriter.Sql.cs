using System.Data.Common;
using Djinn.Data;
using Djinn.Data.Entities;
using Djinn.Data.Services;
using Microsoft.EntityFrameworkCore;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// The writer's batch insert. Storing through EF Core's change tracker cost about as much CPU per invocation as
/// serving it (two tracked entities and one generated statement per row), and on a small machine that CPU is taken
/// from the gateway. Here each batch is one transaction of prepared INSERTs on the context's connection (so the
/// store's connection setup still applies), with the same result as <see cref="TelemetryStore.AppendAsync"/>:
/// entries of functions that no longer exist are skipped, lines are truncated to <see cref="LogLine.MaxTextLength"/>.
/// The column lists follow the <c>Telemetry</c> migration of <c>src/Data</c>.
/// </summary>
internal sealed partial class TelemetryWriter
{
    private const string InsertRecord =
        "INSERT INTO \"InvocationRecords\" (\"FunctionId\", \"InvocationId\", \"Version\", \"Status\", \"Outcome\", \"Trap\", "
        + "\"DurationMs\", \"FuelConsumed\", \"MemoryBytes\", \"TraceId\", \"At\") "
        + "VALUES ($f, $i, $v, $s, $o, $t, $d, $fu, $m, $tr, $a)";

    private const string InsertLine =
        "INSERT INTO \"LogLines\" (\"FunctionId\", \"Version\", \"InvocationId\", \"Index\", \"At\", \"Text\") "
        + "VALUES ($f, $v, $i, $n, $a, $x)";

    private const string SelectFunction = "SELECT \"Id\" FROM \"Functions\" WHERE \"Name\" = $name";

    /// <summary>Stores <paramref name="entries"/> in one transaction; returns how many were stored.</summary>
    internal static async Task<int> AppendAsync(DjinnDbContext db, IReadOnlyList<TelemetryEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return 0;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var ids = FunctionIds(connection, transaction, entries);
            using var record = Prepare(connection, transaction, InsertRecord, "$f", "$i", "$v", "$s", "$o", "$t", "$d", "$fu", "$m", "$tr", "$a");
            using var line = Prepare(connection, transaction, InsertLine, "$f", "$v", "$i", "$n", "$a", "$x");
            var stored = 0;
            foreach (var entry in entries)
            {
                if (!ids.TryGetValue(entry.Function, out var functionId))
                {
                    continue;
                }

                var r = entry.Record;
                var p = record.Parameters;
                p[0].Value = functionId;
                p[1].Value = r.InvocationId;
                p[2].Value = r.Version;
                p[3].Value = r.Status;
                p[4].Value = r.Outcome;
                p[5].Value = (object?)r.Trap ?? DBNull.Value;
                p[6].Value = r.DurationMs;
                p[7].Value = r.FuelConsumed;
                p[8].Value = r.MemoryBytes;
                p[9].Value = (object?)r.TraceId ?? DBNull.Value;
                p[10].Value = r.At;
                record.ExecuteNonQuery();

                var q = line.Parameters;
                for (var i = 0; i < entry.Lines.Count; i++)
                {
                    var text = entry.Lines[i];
                    q[0].Value = functionId;
                    q[1].Value = r.Version;
                    q[2].Value = r.InvocationId;
                    q[3].Value = i;
                    q[4].Value = r.At;
                    q[5].Value = text.Length <= LogLine.MaxTextLength ? text : text[..LogLine.MaxTextLength];
                    line.ExecuteNonQuery();
                }

                stored++;
            }

            await transaction.CommitAsync(cancellationToken);
            return stored;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Dictionary<string, int> FunctionIds(DbConnection connection, DbTransaction transaction, IReadOnlyList<TelemetryEntry> entries)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new HashSet<string>(StringComparer.Ordinal);
        using var select = Prepare(connection, transaction, SelectFunction, "$name");
        foreach (var entry in entries)
        {
            if (ids.ContainsKey(entry.Function) || missing.Contains(entry.Function))
            {
                continue;
            }

            select.Parameters[0].Value = entry.Function;
            if (select.ExecuteScalar() is long id)
            {
                ids[entry.Function] = checked((int)id);
            }
            else
            {
                missing.Add(entry.Function);
            }
        }

        return ids;
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }
}
