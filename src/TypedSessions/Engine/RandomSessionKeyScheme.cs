using TypedSessions.Stores;

namespace TypedSessions.Engine;

/// <summary>Random 32-character keys, seen by stores only as their SHA-256 (<see cref="SessionKeys"/>).</summary>
internal sealed class RandomSessionKeyScheme : ISessionKeyScheme
{
    public bool IsWellFormed(ReadOnlySpan<char> key) => SessionKeys.IsWellFormed(key);

    public string ToRecordId(string key) => SessionKeys.ToRecordId(key);

    // A SHA-256 gives nothing back that opens the session.
    public string ToPublicRecordId(string key) => ToRecordId(key);

    public string NewKey() => SessionKeys.NewKey();

    // A server-side record keeps its key for life; only a cycle or a flush changes it.
    public SessionKeyIssue KeyAfterWrite(string key, SessionRecord record) => SessionKeyIssue.Issued(key);
}
