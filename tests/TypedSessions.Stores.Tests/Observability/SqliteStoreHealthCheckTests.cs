using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.Observability;

public sealed class SqliteStoreHealthCheckTests : StoreHealthCheckTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();
    private string _connectionString;

    public SqliteStoreHealthCheckTests() => _connectionString = _database.ConnectionString;

    protected override string StoreName => "sqlite";

    protected override string Secret => _connectionString;

    [Fact]
    public Task A_database_that_opens_is_healthy() => AssertHealthyAsync();

    [Fact]
    public async Task A_database_that_cannot_be_opened_is_unhealthy_with_the_error_type()
    {
        _connectionString = $"Data Source={Path.Combine(_database.FilePath + ".missing", "sessions.db")};Mode=ReadWrite";

        var entry = await AssertUnhealthyQuicklyAsync();

        Assert.Equal("The session store (sqlite) failed: Microsoft.Data.Sqlite.SqliteException.", entry.Description);
        Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(entry.Exception);
    }

    protected override void AddStore(TypedSessionsBuilder sessions) => sessions.AddSqliteStore(_connectionString);

    public void Dispose() => _database.Dispose();
}
