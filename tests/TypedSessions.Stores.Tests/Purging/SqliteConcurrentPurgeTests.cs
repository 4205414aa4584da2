using TypedSessions.Stores.Tests.Sqlite;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.Purging;

/// <summary>Instances of an app purging one SQLite file at once.</summary>
public sealed class SqliteConcurrentPurgeTests(ITestOutputHelper output) : ConcurrentPurgeTests(output)
{
    private readonly TempSqliteDatabase _database = new();

    protected override void AddStore(TypedSessionsBuilder sessions) => sessions.AddSqliteStore(_database.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}
