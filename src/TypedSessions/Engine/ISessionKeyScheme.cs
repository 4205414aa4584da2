using TypedSessions.Stores;

namespace TypedSessions.Engine;

/// <summary>
/// How the key a cookie carries relates to a store's record: a random key whose SHA-256 is the record id (server-side
/// stores), or the record itself, sealed into the cookie (the cookie store). Everything else about saving is the same
/// for both, so the committer decides once.
/// </summary>
internal interface ISessionKeyScheme
{
    /// <summary>Whether a cookie value could be a key this scheme issued; anything else is never looked up.</summary>
    bool IsWellFormed(ReadOnlySpan<char> key);

    /// <summary>The record id a store sees for <paramref name="key"/>.</summary>
    string ToRecordId(string key);

    /// <summary>
    /// The id <see cref="Session.RecordId"/> and session events show for <paramref name="key"/>: never a credential, so it
    /// may be displayed and logged. The record id itself for server-side stores.
    /// </summary>
    string ToPublicRecordId(string key);

    /// <summary>A key for a record about to be created.</summary>
    string NewKey();

    /// <summary>
    /// The key the cookie carries once <paramref name="record"/> is written under <paramref name="key"/>: the same key
    /// for a server-side record, a freshly sealed cookie for the cookie store (or why it cannot be issued).
    /// </summary>
    SessionKeyIssue KeyAfterWrite(string key, SessionRecord record);
}

/// <summary>The key to send after a write, or why none can be sent.</summary>
internal readonly record struct SessionKeyIssue(string? Key, SessionTooLargeException? TooLarge)
{
    public static SessionKeyIssue Issued(string key) => new(key, null);

    public static SessionKeyIssue Rejected(SessionTooLargeException tooLarge) => new(null, tooLarge);
}
