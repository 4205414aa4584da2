using Microsoft.Extensions.Logging;

namespace TypedSessions.PostgreSql;

/// <summary>The PostgreSQL store's log messages, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(301, LogLevel.Information, "PostgreSQL session table {Table} was missing; it has been created with its expiry and user indexes.", EventName = "SessionTableCreated")]
    public static partial void SessionTableCreated(ILogger logger, string table);

    [LoggerMessage(302, LogLevel.Debug, "PostgreSQL session table {Table} exists; it is not created.", EventName = "SessionTableFound")]
    public static partial void SessionTableFound(ILogger logger, string table);

    [LoggerMessage(303, LogLevel.Information, "PostgreSQL session table {Table} gained the metadata columns it lacked (created, saved, user id, format version, user agent, remote address); existing rows read them as unknown.", EventName = "MetadataColumnsAdded")]
    public static partial void MetadataColumnsAdded(ILogger logger, string table);

    // How many, never which: the rows belong to a user, and what they hold may be what is wrong.
    [LoggerMessage(304, LogLevel.Warning,
        "{Count} session rows of a user could not be read (a time that is infinite or outside the years 1 to 9999) and were left out of the listing of the user's sessions. This can be tampering.",
        EventName = "UnreadableRowsNotListed")]
    public static partial void UnreadableRowsNotListed(ILogger logger, int count);

    [LoggerMessage(305, LogLevel.Information, "PostgreSQL session table {Table} gained its user index (user_id, session_key), which lists a user's sessions.", EventName = "UserIndexCreated")]
    public static partial void UserIndexCreated(ILogger logger, string table);

    [LoggerMessage(306, LogLevel.Warning,
        "PostgreSQL session table {Table} has no index on user_id, and the store may not create one: listing or revoking all of a user's sessions reads the whole table. Run the CREATE INDEX line of docs/sql/postgresql.sql as the table's owner.",
        EventName = "UserIndexMissing")]
    public static partial void UserIndexMissing(ILogger logger, string table);
}
