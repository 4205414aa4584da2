using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace TypedSessions;

/// <summary>Configures TypedSessions. Every default follows Django's session settings.</summary>
public sealed class TypedSessionsOptions
{
    /// <summary>The default <see cref="Lifetime"/>: 14 days (Django's <c>SESSION_COOKIE_AGE</c>, 1,209,600 s).</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(14);

    /// <summary>The default <see cref="StoreTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultStoreTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The default <see cref="PurgeInterval"/>: 1 hour.</summary>
    public static readonly TimeSpan DefaultPurgeInterval = TimeSpan.FromHours(1);

    /// <summary>The default <see cref="MaxSessionSize"/>: 1 MiB.</summary>
    public const int DefaultMaxSessionSize = 1024 * 1024;

    /// <summary>The default cookie name, <c>sessionid</c>.</summary>
    public const string DefaultCookieName = "sessionid";

    /// <summary>
    /// The session cookie. Defaults: name <c>sessionid</c>, <c>Path=/</c>, <c>HttpOnly</c>, <c>SameSite=Lax</c>,
    /// <c>Secure</c> when the request is HTTPS, and essential (not subject to consent). Its <c>Max-Age</c> and
    /// <c>Expires</c> come from the session's expiry, not from the builder. A name with the <c>__Host-</c> prefix
    /// (recommended in production: no other subdomain can set or shadow it) or <c>__Secure-</c> makes the cookie
    /// <c>Secure</c> unless <see cref="CookieBuilder.SecurePolicy"/> is set; a setting browsers would reject such a
    /// cookie for (not <c>Secure</c>; for <c>__Host-</c>, a <c>Domain</c> or a path other than <c>/</c>) fails at startup.
    /// </summary>
    public CookieBuilder Cookie { get; set; } = new SessionCookieBuilder();

    /// <summary>
    /// How long a session lives after its last save, unless the session sets its own expiry. Default: 14 days.
    /// Browser-close sessions also expire on the server after this long.
    /// </summary>
    public TimeSpan Lifetime { get; set; } = DefaultLifetime;

    /// <summary>
    /// Whether sessions without their own expiry use a browser-session cookie (no <c>Max-Age</c>, no <c>Expires</c>).
    /// Default: <see langword="false"/> (Django's <c>SESSION_EXPIRE_AT_BROWSER_CLOSE</c>).
    /// </summary>
    public bool ExpireAtBrowserClose { get; set; }

    /// <summary>
    /// The longest a session may live from its creation, whatever its activity (OWASP's absolute timeout): a session
    /// older than this loads as empty and its record is deleted, and no save or refresh moves its expiry past it. A
    /// sign-in through <c>AddAuthenticationIntegration()</c> starts a new lifetime, counted from the sign-in.
    /// Default: <see langword="null"/>, no limit (as in Django). A session stored before creation times were recorded
    /// has no known age, so with a limit set it counts as ended.
    /// </summary>
    public TimeSpan? AbsoluteLifetime { get; set; }

    /// <summary>
    /// Whether a request that only reads a session moves its expiry once more than half of its lifetime has passed
    /// since the last save: the store's expiry is touched (the data is not rewritten) and the cookie is re-sent with a
    /// fresh <c>Max-Age</c> and <c>Vary: Cookie</c>. So an active reader is never signed out, at the cost of at most
    /// one touch per session per half lifetime. With <see langword="false"/>, as in Django, the expiry moves only when
    /// the session is saved. Default: <see langword="true"/>. A failed refresh is logged and leaves the response alone.
    /// </summary>
    public bool SlidingRefresh { get; set; } = true;

    /// <summary>
    /// Whether every response to a request with a session cookie saves the session and re-sends the cookie, even when
    /// nothing changed (a sliding expiry at the cost of a write per request). Default: <see langword="false"/>.
    /// </summary>
    public bool SaveEveryRequest { get; set; }

    /// <summary>
    /// What a save does when a concurrent request changed the same key: <see cref="SessionConcurrency.Merge"/> (the
    /// default: both changes are kept where they touch different values), <see cref="SessionConcurrency.LastWriterWins"/>
    /// (the key as this request left it) or <see cref="SessionConcurrency.Optimistic"/> (HTTP 409).
    /// </summary>
    public SessionConcurrency Concurrency { get; set; } = SessionConcurrency.Merge;

    /// <summary>
    /// How long any one call to the store may take: a load, a save, a delete (not a purge of expired sessions). Default:
    /// 5 seconds. A call that does not answer in time makes the request answer HTTP 503 with <c>Retry-After</c>; a call
    /// that fails does too when the store does not answer a probe either (else it is the call's own error, HTTP 500).
    /// While the store is down, requests fail at once instead of each waiting this long, and it is probed in the
    /// background until it answers again. A save that timed out may or may not have been written, and is reported so,
    /// never as a success. SQLite's calls complete synchronously, so its own busy timeout bounds them instead.
    /// </summary>
    public TimeSpan StoreTimeout { get; set; } = DefaultStoreTimeout;

    /// <summary>
    /// The largest session a save may write, in bytes of the session encoded as one JSON object of its keys; larger
    /// saves write nothing and fail with <see cref="SessionTooLargeException"/> (HTTP 500 inside a request). Default:
    /// 1 MiB; <see langword="null"/> for no limit.
    /// </summary>
    public int? MaxSessionSize { get; set; } = DefaultMaxSessionSize;

    /// <summary>
    /// How often a background service of the app removes expired sessions from the store (Django's
    /// <c>clearsessions</c>, without cron), first one interval after the app starts. Default: 1 hour;
    /// <see langword="null"/> turns it off (remove them with <c>RunSessionsCommandAsync</c>'s
    /// <c>sessions clear-expired</c>, or <see cref="ISessionManager.ClearExpiredAsync"/>, instead). Several instances of
    /// the app may purge one store at once: each expired session is removed, and counted, by one of them. Expired
    /// sessions never load whether or not they have been removed; the purge only reclaims their space.
    /// </summary>
    public TimeSpan? PurgeInterval { get; set; } = DefaultPurgeInterval;

    /// <summary>
    /// How many sessions one user may hold at once (<see cref="Session.UserId"/>). When a sign-in through
    /// <c>AddAuthenticationIntegration()</c> takes a user past it, that user's oldest sessions (by sign-in time) are
    /// revoked, so their browsers are signed out. Several app instances signing the same user in at once agree on which
    /// to revoke. Default: <see langword="null"/>, no limit. Needs a store that lists a user's sessions.
    /// </summary>
    public int? MaxSessionsPerUser { get; set; }

    /// <summary>
    /// Whether a new session record keeps the <c>User-Agent</c> of the request that created it (at most 512 characters),
    /// for <see cref="SessionInfo.UserAgent"/> on a "your devices" page. It is personal data: turn it off where you have
    /// no use for it. Default: <see langword="true"/>. Stores that cannot list sessions do not keep it.
    /// </summary>
    public bool RecordUserAgent { get; set; } = true;

    /// <summary>
    /// Whether a new session record keeps the client address of the request that created it
    /// (<c>HttpContext.Connection.RemoteIpAddress</c>, so behind a proxy configure forwarded headers first), for
    /// <see cref="SessionInfo.RemoteAddress"/>. It is personal data: turn it off where you have no use for it. Default:
    /// <see langword="true"/>. Stores that cannot list sessions do not keep it.
    /// </summary>
    public bool RecordRemoteAddress { get; set; } = true;

    /// <summary>
    /// The System.Text.Json options for values of types the generated code does not read itself, and for the untyped
    /// <see cref="Session.Get{T}(string)"/>. Default: <see cref="JsonSerializerDefaults.Web"/>. Set
    /// <see cref="JsonSerializerOptions.TypeInfoResolver"/> to a <see cref="JsonSerializerContext"/> (or call
    /// <see cref="UseJsonSerializerContext"/>) for trimming and native AOT.
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>Resolves value types from <paramref name="context"/> first, for trimming and native AOT.</summary>
    /// <param name="context">A source-generated context that knows the session's value types.</param>
    public TypedSessionsOptions UseJsonSerializerContext(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        JsonSerializerOptions.TypeInfoResolver = JsonSerializerOptions.TypeInfoResolver is { } existing
            ? JsonTypeInfoResolver.Combine(context, existing)
            : context;
        return this;
    }
}
