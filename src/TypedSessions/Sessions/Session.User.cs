using Microsoft.AspNetCore.Http;

namespace TypedSessions;

public sealed partial class Session
{
    /// <summary>The longest user id a session takes: 256 characters.</summary>
    public const int MaxUserIdLength = 256;

    // The longest User-Agent kept: enough for any real browser's, and a header cannot bloat every record of its user.
    private const int MaxUserAgentLength = 512;

    private string? _userId;

    // Set by a sign-in: the record written next is a new sign-in, so its creation time (and with it the absolute
    // lifetime and the order of MaxSessionsPerUser) and its device start now.
    private bool _startsNewLifetime;

    private HttpContext? _request;

    /// <summary>
    /// The user the session belongs to: set on sign-in by <c>AddAuthenticationIntegration()</c>, or by
    /// <see cref="SetUserId"/>. <see langword="null"/> for an anonymous session. Stores that index users list and revoke
    /// sessions by it (<see cref="ISessionManager.ListUserSessionsAsync"/>).
    /// </summary>
    public string? UserId
    {
        get
        {
            EnsureLoaded();
            return _userId;
        }
    }

    /// <summary>
    /// The id the store keeps the session under (the SHA-256 of <see cref="Key"/>), as <see cref="SessionInfo.RecordId"/>
    /// shows it: <see langword="null"/> until the session is saved. It is no credential, so it may be shown and logged.
    /// The cookie store keeps no record, and its cookie is the credential: there it is the SHA-256 of the cookie.
    /// </summary>
    public string? RecordId => Key is { } key ? _engine.Storage.Keys.ToPublicRecordId(key) : null;

    /// <summary>
    /// Makes the session belong to <paramref name="userId"/>, or to nobody with <see langword="null"/>; saved with the
    /// session. For apps with their own sign-in code: cycle the key as well (<see cref="CycleKeyAsync"/>), as
    /// <c>AddAuthenticationIntegration()</c> does, so that a key planted before sign-in is worthless after it.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is empty, or longer than <see cref="MaxUserIdLength"/> characters.</exception>
    public void SetUserId(string? userId)
    {
        if (userId is not null)
        {
            ValidateUserId(userId, nameof(userId));
        }

        EnsureLoaded();
        _userId = userId;
        Access();
    }

    /// <summary>Throws unless <paramref name="userId"/> is a user id a session can hold.</summary>
    internal static void ValidateUserId(string userId, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(userId, parameterName);
        if (userId.Length == 0)
        {
            throw new ArgumentException("A user id must not be empty.", parameterName);
        }

        if (userId.Length > MaxUserIdLength)
        {
            throw new ArgumentException($"A user id may be at most {MaxUserIdLength} characters long; this one has {userId.Length}.", parameterName);
        }
    }

    /// <summary>
    /// Back to the user the stored record names, after a sign-in whose key cycle failed: the old key must never be saved
    /// as the new user's session, or a key planted before sign-in would be signed in.
    /// </summary>
    internal void RevertUserId()
    {
        _userId = _stored?.UserId;
        _startsNewLifetime = false;
        Touched();
    }

    /// <summary>The request the session belongs to, for the device a new record records; null outside a request.</summary>
    internal void AttachRequest(HttpContext context) => _request = context;

    /// <summary>The next record written starts a new sign-in: created now, on this request's device.</summary>
    internal void StartNewLifetime()
    {
        EnsureLoaded();
        _startsNewLifetime = true;
        Access();
    }

    // A record made for a key cycle keeps the creation time and device it had, unless a sign-in starts a new lifetime.
    private bool KeepsStoredOrigin => _stored is not null && !_startsNewLifetime;

    private string? RecordedUserAgent()
    {
        if (!_engine.Options.RecordUserAgent || _request is null)
        {
            return null;
        }

        var userAgent = _request.Request.Headers.UserAgent.ToString();
        return userAgent.Length == 0 ? null : userAgent.Length <= MaxUserAgentLength ? userAgent : userAgent[..MaxUserAgentLength];
    }

    private string? RecordedRemoteAddress()
        => _engine.Options.RecordRemoteAddress ? _request?.Connection.RemoteIpAddress?.ToString() : null;
}
