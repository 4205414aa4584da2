using Microsoft.Extensions.Logging;

namespace TypedSessions.Engine;

/// <summary>
/// Logs what is wrong with stored data without ever logging the data: a value's key, expected type and length, a
/// record's problem as the store described it (bounded) and the type of the error, never an exception's message, which
/// may quote what it failed to read. Each problem is a Warning the first time per record (and key) per hour
/// (<see cref="RepeatedEventLimiter"/>), and Debug when it repeats.
/// </summary>
internal sealed class StoredDataLog(ILogger logger, ILogger securityLogger, RepeatedEventLimiter limiter)
{
    // Problems are the stores' own sentences; a bound keeps a store that quotes what it read from flooding the log.
    private const int MaxProblemLength = 256;

    /// <summary>A record that cannot be decoded: the session reads as empty.</summary>
    public void Corrupted(string recordId, string problem, Exception? exception)
    {
        var bounded = Bounded(problem);
        var error = ErrorTypes(exception);
        if (limiter.IsFirst(Log.SessionDataCorruptedId, recordId))
        {
            Log.SessionDataCorrupted(securityLogger, bounded, error);
        }
        else
        {
            Log.SessionDataCorruptedRepeated(securityLogger, bounded, error);
        }
    }

    /// <summary>
    /// A stored value that does not fit the type it is read as: it reads as the default. <paramref name="recordId"/> is
    /// null for a session not stored yet, whose every mismatch is a Warning.
    /// </summary>
    public void ValueMismatch(string? recordId, string key, string type, int length)
    {
        if (recordId is null || limiter.IsFirst(Log.SessionValueMismatchId, recordId, key))
        {
            Log.SessionValueMismatch(logger, key, type, length);
        }
        else
        {
            Log.SessionValueMismatchRepeated(logger, key, type, length);
        }
    }

    /// <summary><paramref name="text"/>, cut to a length fit for one log line.</summary>
    public static string Bounded(string text) => text.Length <= MaxProblemLength ? text : string.Concat(text.AsSpan(0, MaxProblemLength), "…");

    // The exception's type and its inner exceptions' types, outermost first: what failed, without what it read.
    private static string ErrorTypes(Exception? exception)
    {
        var types = new List<string>();
        for (var current = exception; current is not null && types.Count < 4; current = current.InnerException)
        {
            types.Add(current.GetType().Name);
        }

        return types.Count == 0 ? "no exception" : string.Join(" ← ", types);
    }
}
