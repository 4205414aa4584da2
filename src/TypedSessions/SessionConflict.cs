namespace TypedSessions;

/// <summary>
/// What a save does with a value that a concurrent request changed too, after the parts each request changed alone
/// have been merged (two tabs adding different lines to one cart both keep their line).
/// </summary>
public enum SessionConflict
{
    /// <summary>The later save wins for the conflicting value only (the default); everything else is merged.</summary>
    LastWriterWins,

    /// <summary>
    /// The later save writes nothing and fails with <see cref="SessionConflictException"/>; inside a request the
    /// middleware answers HTTP 409, so the client can reload and retry.
    /// </summary>
    Reject,

    /// <summary>
    /// The value is a counter: the later save adds its own change to the stored value, so two increments of 1 from
    /// 1 give 3. Values that are not numbers fall back to <see cref="LastWriterWins"/>.
    /// </summary>
    Sum,
}
