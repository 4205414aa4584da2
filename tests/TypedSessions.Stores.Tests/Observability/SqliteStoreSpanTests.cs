using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.Observability;

public sealed class SqliteStoreSpanTests : StoreSpanTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override void AddStore(TypedSessionsBuilder sessions) => sessions.AddSqliteStore(_database.ConnectionString);

    protected override IReadOnlyDictionary<string, object> ExpectedDatabaseTags => new Dictionary<string, object>
    {
        ["typedsessions.store"] = "sqlite", ["db.system.name"] = "sqlite", ["db.collection.name"] = "typed_sessions",
    };

    protected override string SpanTarget => "typed_sessions";

    public void Dispose() => _database.Dispose();
}
