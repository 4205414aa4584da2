using Microsoft.Extensions.Options;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Purging;

/// <summary>Instances purging one PostgreSQL table at once, each with a data source of its own, and reporting what they deleted.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlConcurrentReportingPurgeTests(PostgreSqlServerFixture postgres) : ConcurrentReportingPurgeTests, IAsyncDisposable
{
    private readonly string _table = PostgreSqlServerFixture.NewTableName();
    private readonly List<PostgreSqlSessionRecordStore> _stores = [];

    protected override void EnsureAvailable() => postgres.EnsureAvailable();

    protected override ISessionRecordStore CreateInstanceStore()
    {
        var store = new PostgreSqlSessionRecordStore(
            Options.Create(new PostgreSqlSessionRecordStoreOptions { ConnectionString = postgres.ConnectionString, TableName = _table }), Time, loggerFactory: null);
        _stores.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
