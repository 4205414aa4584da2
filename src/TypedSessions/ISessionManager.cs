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

    /// <summary>Deletes every expired session (Django's <c>clearsessions</c>) and returns how many.</summary>
    ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default);
}
