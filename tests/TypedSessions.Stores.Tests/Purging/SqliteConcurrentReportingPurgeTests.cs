using Microsoft.Extensions.Options;
using TypedSessions.Sqlite;
using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.Purging;

/// <summary>Instances purging one SQLite file at once, each through its own pool of connections, and reporting what they deleted.</summary>
public sealed class SqliteConcurrentReportingPurgeTests : ConcurrentReportingPurgeTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();
    private int _instances;

    // A distinct connection string is a pool of its own, as another process would have.
    protected override ISessionRecordStore CreateInstanceStore()
        => new SqliteSessionRecordStore(
            Options.Create(new SqliteSessionRecordStoreOptions { ConnectionString = $"{_database.ConnectionString};Default Timeout={30 + Interlocked.Increment(ref _instances)}" }),
            Time);

    public void Dispose()
    {
        for (var instance = 1; instance <= _instances; instance++)
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"{_database.ConnectionString};Default Timeout={30 + instance}");
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
        }

        _database.Dispose();
    }
}
