using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>Both deployments on one SQLite temp file.</summary>
public sealed class SqliteRenamedPropertyDeployTests : RenamedPropertyDeployTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override void AddStore(TypedSessionsBuilder builder) => builder.AddSqliteStore(_database.ConnectionString);

    public void Dispose() => _database.Dispose();
}
