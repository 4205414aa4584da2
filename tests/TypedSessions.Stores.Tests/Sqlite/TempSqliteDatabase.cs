using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TypedSessions.Sqlite;

namespace TypedSessions.Stores.Tests.Sqlite;

/// <summary>A SQLite database file of its own in the temp folder, deleted (with its WAL files) on dispose.</summary>
public sealed class TempSqliteDatabase : IDisposable
{
    public TempSqliteDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "typedsessions-store-tests");
        Directory.CreateDirectory(folder);
        FilePath = Path.Combine(folder, $"{Guid.NewGuid():N}.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath }.ToString();
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    public SqliteSessionRecordStore CreateStore(TimeProvider timeProvider, Action<SqliteSessionRecordStoreOptions>? configure = null)
    {
        var options = new SqliteSessionRecordStoreOptions { ConnectionString = ConnectionString };
        configure?.Invoke(options);
        return new SqliteSessionRecordStore(Options.Create(options), timeProvider);
    }

    /// <summary>A connection of the test's own, bypassing the store, to inspect or tamper with the file.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Every byte SQLite has written: the main file and its write-ahead log.</summary>
    public byte[] ReadAllBytes()
        => [.. Files().Where(File.Exists).SelectMany(path => File.ReadAllBytes(path))];

    public void Dispose()
    {
        // Pooled connections keep the file open; release them before deleting it.
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        foreach (var path in Files())
        {
            File.Delete(path);
        }
    }

    private IEnumerable<string> Files() => [FilePath, FilePath + "-wal", FilePath + "-shm", FilePath + "-journal"];
}
