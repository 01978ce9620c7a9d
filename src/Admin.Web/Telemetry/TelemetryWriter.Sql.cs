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
/// store's connection setup still applies), invocation records <see cref="RowsPerInsert"/> rows per statement (one
/// statement execution per row cost more than binding its values), with the same result as <see cref="TelemetryStore.AppendAsync"/>:
/// entries of functions that no longer exist are skipped, lines are truncated to <see cref="LogLine.MaxTextLength"/>.
/// The column lists follow the <c>Telemetry</c> migration of <c>src/Data</c>.
/// </summary>
internal sealed partial class TelemetryWriter
{
    /// <summary>Invocation records per multi-row INSERT (11 values each, far below SQLite's parameter limit).</summary>
    internal const int RowsPerInsert = 32;

    private static readonly string[] RecordColumns = ["$f", "$i", "$v", "$s", "$o", "$t", "$d", "$fu", "$m", "$tr", "$a"];

    /// <summary>An INSERT of <paramref name="rows"/> invocation records; row r's parameters end in r.</summary>
    private static string InsertRecords(int rows) =>
        "INSERT INTO \"InvocationRecords\" (\"FunctionId\", \"InvocationId\", \"Version\", \"Status\", \"Outcome\", \"Trap\", "
        + "\"DurationMs\", \"FuelConsumed\", \"MemoryBytes\", \"TraceId\", \"At\") VALUES "
        + string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", RecordColumns.Select(c => c + r)) + ")"));

    private static string[] RecordParameters(int rows) =>
        Enumerable.Range(0, rows).SelectMany(r => RecordColumns.Select(c => c + r)).ToArray();

    private static readonly string s_insertOne = InsertRecords(1);
    private static readonly string s_insertMany = InsertRecords(RowsPerInsert);
    private static readonly string[] s_oneParameters = RecordParameters(1);
    private static readonly string[] s_manyParameters = RecordParameters(RowsPerInsert);

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
            var rows = new List<(int FunctionId, TelemetryEntry Entry)>(entries.Count);
            foreach (var entry in entries)
            {
                if (ids.TryGetValue(entry.Function, out var functionId)) rows.Add((functionId, entry));
            }

            InsertRecordRows(connection, transaction, rows);
            using var line = Prepare(connection, transaction, InsertLine, "$f", "$v", "$i", "$n", "$a", "$x");
            foreach (var (functionId, entry) in rows)
            {
                var r = entry.Record;
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
            }

            await transaction.CommitAsync(cancellationToken);
            return rows.Count;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void InsertRecordRows(DbConnection connection, DbTransaction transaction, List<(int FunctionId, TelemetryEntry Entry)> rows)
    {
        int full = rows.Count / RowsPerInsert * RowsPerInsert;
        if (full > 0)
        {
            using var many = Prepare(connection, transaction, s_insertMany, s_manyParameters);
            for (int start = 0; start < full; start += RowsPerInsert)
            {
                for (int r = 0; r < RowsPerInsert; r++) BindRecord(many.Parameters, r * RecordColumns.Length, rows[start + r]);
                many.ExecuteNonQuery();
            }
        }

        if (full < rows.Count)
        {
            using var one = Prepare(connection, transaction, s_insertOne, s_oneParameters);
            for (int i = full; i < rows.Count; i++)
            {
                BindRecord(one.Parameters, 0, rows[i]);
                one.ExecuteNonQuery();
            }
        }
    }

    private static void BindRecord(DbParameterCollection p, int at, (int FunctionId, TelemetryEntry Entry) row)
    {
        var r = row.Entry.Record;
        p[at].Value = row.FunctionId;
        p[at + 1].Value = r.InvocationId;
        p[at + 2].Value = r.Version;
        p[at + 3].Value = r.Status;
        p[at + 4].Value = r.Outcome;
        p[at + 5].Value = (object?)r.Trap ?? DBNull.Value;
        p[at + 6].Value = r.DurationMs;
        p[at + 7].Value = r.FuelConsumed;
        p[at + 8].Value = r.MemoryBytes;
        p[at + 9].Value = (object?)r.TraceId ?? DBNull.Value;
        p[at + 10].Value = r.At;
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
