using System.Text.Json;

namespace TypedSessions;

/// <summary>
/// Sessions outside a request: background jobs, admin tools, tests. A session opened here is saved only when the
/// caller awaits <see cref="Session.SaveAsync"/>.
/// </summary>
public interface ISessionManager
{
    /// <summary>Opens the session with this key; an unknown, expired or malformed key gives an empty, keyless session.</summary>
    ValueTask<Session> OpenAsync(string? key, CancellationToken cancellationToken = default);

    /// <summary>Creates and saves an empty session under a fresh key (Django's <c>create()</c>).</summary>
    ValueTask<Session> CreateAsync(CancellationToken cancellationToken = default);

    /// <summary>Every key of a stored session with its decoded JSON, or <see langword="null"/> when there is no such live session.</summary>
    ValueTask<IReadOnlyDictionary<string, JsonElement>?> DecodeAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Whether a live session has this key.</summary>
    ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes the session with this key, if any, as on a revocation; its cookie stops working.</summary>
    ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every expired session (Django's <c>clearsessions</c>) and returns how many. Each one the store can name is
    /// reported to <see cref="ISessionEvents"/> as <see cref="SessionEventKind.Expired"/>.
    /// </summary>
    ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Every live session of <paramref name="userId"/>, for a "your devices" page: collected from
    /// <see cref="EnumerateUserSessionsAsync"/>, which reads the store a page at a time.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is empty or longer than <see cref="Session.MaxUserIdLength"/>.</exception>
    /// <exception cref="NotSupportedException">The store keeps no index by user (an <c>IDistributedCache</c>, the cookie store).</exception>
    ValueTask<IReadOnlyList<SessionInfo>> ListUserSessionsAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every live session of <paramref name="userId"/>, streamed: the store is read a page at a time as you enumerate,
    /// so a user with many thousands of sessions is never held in memory at once. Not bounded by
    /// <see cref="TypedSessionsOptions.StoreTimeout"/>: pass a token to bound it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is empty or longer than <see cref="Session.MaxUserIdLength"/>.</exception>
    /// <exception cref="NotSupportedException">The store keeps no index by user (an <c>IDistributedCache</c>, the cookie store).</exception>
    IAsyncEnumerable<SessionInfo> EnumerateUserSessionsAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes one session by its <see cref="SessionInfo.RecordId"/> ("sign out this device"): its record is deleted,
    /// so its cookie stops working, and with <c>AddAuthenticationIntegration()</c> its browser is signed out on its next
    /// request.
    /// </summary>
    /// <returns>Whether a live session had the id; <see langword="false"/>, with nothing written, for an unknown or expired one.</returns>
    /// <exception cref="NotSupportedException">The store keeps no index by user (an <c>IDistributedCache</c>, the cookie store).</exception>
    ValueTask<bool> RevokeAsync(string recordId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes every live session of <paramref name="userId"/> ("sign out everywhere"), except the one whose key is
    /// <paramref name="exceptKey"/> ("everywhere else": pass the current request's <see cref="Session.Key"/>).
    /// </summary>
    /// <returns>How many sessions this call revoked.</returns>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is empty or longer than <see cref="Session.MaxUserIdLength"/>.</exception>
    /// <exception cref="NotSupportedException">The store keeps no index by user (an <c>IDistributedCache</c>, the cookie store).</exception>
    ValueTask<int> RevokeUserSessionsAsync(string userId, string? exceptKey = null, CancellationToken cancellationToken = default);
}
