using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace TypedSessions.Stores.Tests.Sqlite;

/// <summary>
/// Every statement SQLite starts on a store's connection, from SQLite's own trace hook. Microsoft.Data.Sqlite pools
/// connections per connection string, and a store that makes one call at a time uses a single pooled connection: this
/// borrows that connection, hooks it and hands it back, so the store's next calls run on the hooked connection. Only for
/// calls made one at a time, after the store's first call; a test checks that the connection's <c>PRAGMA busy_timeout</c>
/// is seen, which shows the hook is on the store's connection.
/// </summary>
internal sealed class SqliteStatementTrace : IDisposable
{
    private readonly string _connectionString;
    private readonly ConcurrentQueue<string> _statements = new();

    public SqliteStatementTrace(string connectionString)
    {
        _connectionString = connectionString;
        Hook((_, sql) => _statements.Enqueue(sql));
    }

    /// <summary>Each statement's SQL, in the order SQLite started them, since the last <see cref="Reset"/>.</summary>
    public IReadOnlyList<string> Statements => [.. _statements];

    public void Reset() => _statements.Clear();

    public void Dispose() => Hook(null);

    private void Hook(strdelegate_trace? callback)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        raw.sqlite3_trace(connection.Handle, callback, null);
    }
}
