using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>PostgreSQL stores over the shared test server's data source, each in a fresh table unless told otherwise.</summary>
internal static class PostgreSqlTestStores
{
    public static PostgreSqlSessionRecordStore Create(
        PostgreSqlServerFixture postgres,
        TimeProvider timeProvider,
        Action<PostgreSqlSessionRecordStoreOptions>? configure = null,
        ILoggerFactory? loggerFactory = null)
    {
        postgres.EnsureAvailable();
        var options = new PostgreSqlSessionRecordStoreOptions { TableName = PostgreSqlServerFixture.NewTableName() };
        configure?.Invoke(options);
        return new PostgreSqlSessionRecordStore(postgres.DataSource, Options.Create(options), timeProvider, loggerFactory);
    }
}
