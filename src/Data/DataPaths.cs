using Microsoft.Data.Sqlite;

namespace Djinn.Data;

/// <summary>Where Djinn keeps its state: the SQLite database and the Data Protection key ring.</summary>
public sealed class DataPaths
{
    /// <summary>The data directory used when <c>DJINN_DATA</c> is not set.</summary>
    public const string DefaultDirectory = "./data";

    /// <summary>Resolves <paramref name="directory"/> to an absolute path and creates it and the key ring folder.</summary>
    public DataPaths(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Root = Path.GetFullPath(directory);
        CreatePrivateDirectory(Root);
        CreatePrivateDirectory(Keys);
    }

    /// <summary>Creates a directory readable only by the current user (on Unix), if it does not exist yet.</summary>
    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Absolute data directory.</summary>
    public string Root { get; }

    /// <summary>The SQLite database file.</summary>
    public string Database => Path.Combine(Root, "djinn.db");

    /// <summary>The Data Protection key ring folder.</summary>
    public string Keys => Path.Combine(Root, "keys");

    /// <summary>Connection string for <see cref="Database"/>, with foreign keys on and a 30 s busy timeout.</summary>
    public string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = Database,
        ForeignKeys = true,
        DefaultTimeout = 30,
        Mode = SqliteOpenMode.ReadWriteCreate,
    }.ToString();
}
