using Microsoft.Data.Sqlite;
using TypedSessions.Stores.Tests.Sqlite;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>
/// Instances on one SQLite file in WAL mode. Microsoft.Data.Sqlite pools connections per connection string within a
/// process, so each instance's string differs (in its command timeout, which no test reaches) to give it a pool of its
/// own, as a separate process would have.
/// </summary>
public sealed class SqliteMultiInstanceTests(ITestOutputHelper output) : MultiInstanceTests(output)
{
    private readonly TempSqliteDatabase _database = new();
    private readonly List<string> _connectionStrings = [];

    protected override string StoreName => "SQLite";

    protected override void AddStore(TypedSessionsBuilder sessions, int instance)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = _database.FilePath, DefaultTimeout = 30 + instance }.ToString();
        lock (_connectionStrings)
        {
            _connectionStrings.Add(connectionString);
        }

        sessions.AddSqliteStore(connectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var connectionString in _connectionStrings)
        {
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
        }

        _database.Dispose();
    }
}
