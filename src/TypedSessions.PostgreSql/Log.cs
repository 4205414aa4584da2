using Microsoft.Extensions.Logging;

namespace TypedSessions.PostgreSql;

/// <summary>The PostgreSQL store's log messages, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(301, LogLevel.Information, "PostgreSQL session table {Table} was missing; it has been created with its expiry index.", EventName = "SessionTableCreated")]
    public static partial void SessionTableCreated(ILogger logger, string table);

    [LoggerMessage(302, LogLevel.Debug, "PostgreSQL session table {Table} exists; it is not created.", EventName = "SessionTableFound")]
    public static partial void SessionTableFound(ILogger logger, string table);

    [LoggerMessage(303, LogLevel.Information, "PostgreSQL session table {Table} gained the metadata columns (created, saved, user id, format version); existing rows read them as unknown.", EventName = "MetadataColumnsAdded")]
    public static partial void MetadataColumnsAdded(ILogger logger, string table);
}
