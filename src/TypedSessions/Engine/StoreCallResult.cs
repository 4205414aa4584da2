namespace TypedSessions.Engine;

/// <summary>How a guarded store call ended, when it did not simply return.</summary>
internal enum StoreFailure
{
    /// <summary>The store answered.</summary>
    None,

    /// <summary>
    /// The store is down and the call was not made (it is known to be down) or its connection was refused: nothing was
    /// written.
    /// </summary>
    Unavailable,

    /// <summary>No answer within the store timeout; a write may or may not have been applied.</summary>
    TimedOut,

    /// <summary>
    /// The call failed after it may have reached the store: its connection broke, or the store went down under it. A
    /// write may or may not have been applied.
    /// </summary>
    FailedInFlight,
}

/// <summary>A store call's value, or how it failed.</summary>
internal readonly record struct StoreCallResult<T>(T? Value, StoreFailure Failure, Exception? Exception)
{
    public bool Succeeded => Failure == StoreFailure.None;

    public static StoreCallResult<T> Success(T value) => new(value, StoreFailure.None, null);

    public static StoreCallResult<T> Failed(StoreFailure failure, Exception? exception) => new(default, failure, exception);

    /// <summary>The exception a caller outside the HTTP layer sees.</summary>
    public SessionStoreUnavailableException ToException(string operation, bool isWrite)
    {
        var mayHaveBeenWritten = isWrite && Failure is StoreFailure.TimedOut or StoreFailure.FailedInFlight;
        var outcome = mayHaveBeenWritten ? "; the write may or may not have been applied." : ".";
        var message = Failure switch
        {
            StoreFailure.TimedOut => $"The session store did not answer a {operation} in time" + outcome,
            StoreFailure.FailedInFlight => $"The session store failed during a {operation}" + outcome,
            _ => $"The session store is unavailable; the {operation} was not carried out.",
        };
        return new SessionStoreUnavailableException(message, mayHaveBeenWritten, Exception);
    }
}
