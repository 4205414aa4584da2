namespace TypedSessions.Engine;

/// <summary>How a guarded store call ended, when it did not simply return.</summary>
internal enum StoreFailure
{
    /// <summary>The store answered.</summary>
    None,

    /// <summary>The store is down: it failed and a probe confirmed it, or it is already known to be down.</summary>
    Unavailable,

    /// <summary>No answer within the store timeout; a write may or may not have been applied.</summary>
    TimedOut,
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
        var mayHaveBeenWritten = isWrite && Failure == StoreFailure.TimedOut;
        var message = Failure == StoreFailure.TimedOut
            ? $"The session store did not answer a {operation} in time" + (mayHaveBeenWritten ? "; the write may or may not have been applied." : ".")
            : $"The session store is unavailable; the {operation} was not attempted or failed.";
        return new SessionStoreUnavailableException(message, mayHaveBeenWritten, Exception);
    }
}
