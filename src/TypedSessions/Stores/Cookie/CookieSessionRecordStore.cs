namespace TypedSessions.Stores.Cookie;

/// <summary>
/// Sessions that live in the cookie itself (Django's <c>signed_cookies</c>): the record id the engine passes is the
/// sealed cookie, so a load opens it, and writes have nothing to store on a server: the response carries the new
/// cookie (<see cref="CookieSessionKeyScheme"/>). No server state, so nothing can be revoked before it expires, and
/// concurrent requests are last writer wins.
/// </summary>
internal sealed class CookieSessionRecordStore(CookieSessionSeal seal, TimeProvider time) : ISessionRecordStore, IDescribedSessionStore
{
    private static readonly SessionStoreDescription CookieDescription = new() { Name = "cookie" };

    public SessionStoreDescription Description => CookieDescription;

    public ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
    {
        var opened = seal.Open(recordId);

        // A stale cookie is as good as none, whatever Max-Age the browser honoured.
        return ValueTask.FromResult(opened.Record is { } record && record.ExpiresAt <= time.GetUtcNow() ? SessionLoadResult.NotFound : opened);
    }

    public ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(SessionWriteResult.Written);

    // The cookie holds the whole session, so the new cookie carries all of it; there is nothing to find missing.
    public ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(SessionWriteResult.Written);

    public ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(SessionWriteResult.Written);

    // Deleting the cookie is the response's job; there is no server record.
    public ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(0);
}
