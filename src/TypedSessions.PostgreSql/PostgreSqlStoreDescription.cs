using Npgsql;
using TypedSessions.Stores;

namespace TypedSessions.PostgreSql;

/// <summary>The store's telemetry attributes, read from the data source's connection string: never its password.</summary>
internal static class PostgreSqlStoreDescription
{
    public static SessionStoreDescription Of(NpgsqlDataSource dataSource, PostgreSqlSessionRecordStoreOptions options)
    {
        var connection = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);

        // Several hosts (failover, load balancing): which one answers is the driver's choice, so none is named.
        var singleHost = connection.Host is { Length: > 0 } host && !host.Contains(',', StringComparison.Ordinal) ? host : null;
        var database = connection.Database;
        return new SessionStoreDescription
        {
            Name = "postgresql",
            DatabaseSystemName = "postgresql",
            DatabaseNamespace = database is null ? null : options.SchemaName is { } schema ? $"{database}|{schema}" : database,
            CollectionName = options.SchemaName is { } tableSchema ? $"{tableSchema}.{options.TableName}" : options.TableName,
            ServerAddress = singleHost,
            ServerPort = singleHost is null ? null : connection.Port,
        };
    }
}
