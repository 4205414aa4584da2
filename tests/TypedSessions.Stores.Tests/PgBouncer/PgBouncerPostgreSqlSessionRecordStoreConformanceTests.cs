using Microsoft.Extensions.Options;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.Conformance;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.PgBouncer;

/// <summary>
/// The PostgreSQL store against the contract through PgBouncer in transaction pooling mode, with the connection string
/// the store's documentation gives for it, each test in a table of its own.
/// </summary>
[Collection(PgBouncerCollection.Name)]
public sealed class PgBouncerPostgreSqlSessionRecordStoreConformanceTests(PgBouncerFixture bouncer) : SessionRecordStoreConformanceTests
{
    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider)
    {
        bouncer.EnsureAvailable();
        var options = new PostgreSqlSessionRecordStoreOptions { TableName = PostgreSqlServerFixture.NewTableName() };
        return new PostgreSqlSessionRecordStore(bouncer.DataSource, Options.Create(options), timeProvider);
    }
}
