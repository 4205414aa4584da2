using Microsoft.Extensions.Logging;

namespace TypedSessions.Sqlite;

/// <summary>The SQLite store's log messages, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Debug, "SQLite session table '{Table}' is ready (journal mode {JournalMode}).", EventName = "SessionTableReady")]
    public static partial void SessionTableReady(ILogger logger, string table, string journalMode);

    // The problem only: the exception behind it may quote the data it could not read.
    [LoggerMessage(102, LogLevel.Warning,
        "Session data corrupted: a stored record could not be decoded during an update ({Problem}), so it was overwritten with the saving request's values. This can be tampering.",
        EventName = "CorruptedRecordOverwritten")]
    public static partial void CorruptedRecordOverwritten(ILogger logger, string problem);

    [LoggerMessage(103, LogLevel.Information, "SQLite session table '{Table}' gained the column '{Column}'; existing rows read it as unknown.", EventName = "ColumnAdded")]
    public static partial void ColumnAdded(ILogger logger, string table, string column);

    // How many, never which: the rows belong to a user, and what they hold may be what is wrong.
    [LoggerMessage(104, LogLevel.Warning,
        "{Count} session rows of a user could not be read (a time out of range, or a value of the wrong kind) and were left out of the listing of the user's sessions. This can be tampering.",
        EventName = "UnreadableRowsNotListed")]
    public static partial void UnreadableRowsNotListed(ILogger logger, int count);
}
