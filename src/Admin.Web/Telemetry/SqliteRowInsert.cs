using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// One prepared INSERT run row after row through SQLite's C API on an open <see cref="SqliteConnection"/> (inside its
/// transaction): values are bound by position (<c>?1</c>, <c>?2</c>, …) and the statement is stepped and reset, with
/// none of the per-execution work of <see cref="DbCommand"/> (parameter lookup by name, a data reader). Values are
/// stored exactly as Microsoft.Data.Sqlite and EF Core store them (text dates in <see cref="DateFormat"/>).
/// </summary>
internal sealed class SqliteRowInsert : IDisposable
{
    /// <summary>How Microsoft.Data.Sqlite (and so EF Core) writes a <see cref="DateTime"/>.</summary>
    public const string DateFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteRowInsert(DbConnection connection, string sql)
    {
        _db = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public SqliteRowInsert Int(int index, long value) => Bound(raw.sqlite3_bind_int64(_statement, index, value));

    public SqliteRowInsert Real(int index, double value) => Bound(raw.sqlite3_bind_double(_statement, index, value));

    public SqliteRowInsert Text(int index, string? value) =>
        Bound(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));

    public SqliteRowInsert Time(int index, DateTime value) => Text(index, value.ToString(DateFormat, CultureInfo.InvariantCulture));

    /// <summary>Inserts the bound row and makes the statement ready for the next one.</summary>
    public void Run()
    {
        int rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE) Check(rc);
    }

    public void Dispose() => _statement.Dispose();

    private SqliteRowInsert Bound(int rc)
    {
        Check(rc);
        return this;
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE)) SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
