using System.Globalization;
using System.Text.Json;
using TypedSessions.Serialization;

namespace TypedSessions;

public sealed partial class Session
{
    /// <summary>The reserved key that holds a session's own expiry, as Django's <c>_session_expiry</c>.</summary>
    public const string ExpiryKey = "_session_expiry";

    private const string BrowserCloseMarker = "browser-close";

    /// <summary>
    /// The longest a session may live past its last save: 36,525 days (100 years), so that every expiry is a date a
    /// store can hold. <see cref="SetExpiry(TimeSpan)"/> and <see cref="SetExpiry(DateTimeOffset)"/> reject anything
    /// later, and a stored expiry beyond it (written by other code, or damaged) reads as this age.
    /// </summary>
    public static readonly TimeSpan MaxExpiryAge = TimeSpan.FromDays(36_525);

    // In whole seconds, as an age is stored; declared after MaxExpiryAge, which it is computed from.
    private static readonly long MaxExpirySeconds = (long)MaxExpiryAge.TotalSeconds;

    /// <summary>
    /// Expires the session <paramref name="age"/> after its last save (Django's <c>set_expiry(seconds)</c>), in whole
    /// seconds. A zero or negative age makes the saved record expire at once.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="age"/> is longer than <see cref="MaxExpiryAge"/>.</exception>
    public void SetExpiry(TimeSpan age)
    {
        if (age > MaxExpiryAge)
        {
            throw new ArgumentOutOfRangeException(
                nameof(age),
                age,
                string.Create(CultureInfo.InvariantCulture, $"A session's expiry age must be at most {MaxExpiryAge.TotalDays} days (Session.MaxExpiryAge); a zero or negative age makes the saved record expire at once."));
        }

        SetValue(ExpiryKey, (long)Math.Floor(age.TotalSeconds), SessionCodecs.Int64);
    }

    /// <summary>Expires the session at <paramref name="expiresAt"/> (Django's <c>set_expiry(datetime)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="expiresAt"/> is more than <see cref="MaxExpiryAge"/> from now.
    /// </exception>
    public void SetExpiry(DateTimeOffset expiresAt)
    {
        var latest = _engine.Time.GetUtcNow() + MaxExpiryAge;
        if (expiresAt > latest)
        {
            throw new ArgumentOutOfRangeException(
                nameof(expiresAt),
                expiresAt,
                string.Create(CultureInfo.InvariantCulture, $"A session's expiry date must be at most {MaxExpiryAge.TotalDays} days (Session.MaxExpiryAge) from now, no later than {latest:O}; a date in the past makes the saved record expire at once."));
        }

        SetValue(ExpiryKey, expiresAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), SessionCodecs.String);
    }

    /// <summary>
    /// Makes the cookie a browser-session cookie (Django's <c>set_expiry(0)</c>). The record still expires on the
    /// server after <see cref="TypedSessionsOptions.Lifetime"/>.
    /// </summary>
    public void ExpireAtBrowserClose() => SetValue(ExpiryKey, BrowserCloseMarker, SessionCodecs.String);

    /// <summary>Returns to the global expiry policy (Django's <c>set_expiry(None)</c>).</summary>
    public void ResetExpiry() => Remove(ExpiryKey);

    /// <summary>
    /// How long from now until the session expires if saved now (Django's <c>get_expiry_age()</c>), never past
    /// <see cref="TypedSessionsOptions.AbsoluteLifetime"/> from its creation.
    /// </summary>
    public TimeSpan ExpiryAge
    {
        get
        {
            var age = ReadExpiry() switch
            {
                long seconds => TimeSpan.FromSeconds(seconds),
                DateTimeOffset date => TimeSpan.FromSeconds(Math.Floor((date - _engine.Time.GetUtcNow()).TotalSeconds)),
                _ => _engine.Options.Lifetime,
            };
            return AbsoluteDeadline is { } deadline && deadline - _engine.Time.GetUtcNow() < age
                ? TimeSpan.FromSeconds(Math.Floor((deadline - _engine.Time.GetUtcNow()).TotalSeconds))
                : age;
        }
    }

    /// <summary>When the session expires if saved now (Django's <c>get_expiry_date()</c>).</summary>
    public DateTimeOffset ExpiryDate => ExpiryDateFor(ReadExpiry());

    /// <summary>Whether the cookie lasts only until the browser closes (Django's <c>get_expire_at_browser_close()</c>).</summary>
    public bool ExpiresAtBrowserClose => ReadExpiry() switch
    {
        null => _engine.Options.ExpireAtBrowserClose,
        string => true,
        _ => false,
    };

    private DateTimeOffset ExpiryDateOf(IReadOnlyDictionary<string, string> values) => ExpiryDateFor(ParseExpiry(values.GetValueOrDefault(ExpiryKey)));

    private DateTimeOffset ExpiryDateFor(object? expiry)
    {
        var date = expiry switch
        {
            long seconds => _engine.Time.GetUtcNow().AddSeconds(seconds),
            DateTimeOffset fixedDate => fixedDate,
            _ => _engine.Time.GetUtcNow() + _engine.Options.Lifetime,
        };
        return AbsoluteDeadline is { } deadline && deadline < date ? deadline : date;
    }

    /// <summary>
    /// When <see cref="TypedSessionsOptions.AbsoluteLifetime"/> ends this session: from its stored creation time, or
    /// from now for a session not stored yet; null without a limit. Capped at the latest date there is, since a
    /// damaged creation time may sit near it.
    /// </summary>
    private DateTimeOffset? AbsoluteDeadline
    {
        get
        {
            if (_engine.Options.AbsoluteLifetime is not { } limit)
            {
                return null;
            }

            var origin = KeepsStoredOrigin ? _stored!.CreatedAt ?? _engine.Time.GetUtcNow() : _engine.Time.GetUtcNow();
            return limit >= DateTimeOffset.MaxValue - origin ? DateTimeOffset.MaxValue : origin + limit;
        }
    }

    /// <summary>
    /// Whether a request that only read the session should move its expiry (<see cref="TypedSessionsOptions.SlidingRefresh"/>):
    /// saving now would push the stored expiry later by more than half of the session's lifetime, that is, more than
    /// half of it has passed since the last save. Never for a fixed expiry date, nor past the absolute lifetime (the
    /// stored expiry already sits there).
    /// </summary>
    internal bool NeedsSlidingRefresh()
    {
        if (!_engine.Options.SlidingRefresh || !_loaded || !_accessed || _key is null || _stored is null)
        {
            return false;
        }

        TimeSpan? lifetime = ReadExpiry() switch
        {
            long seconds => TimeSpan.FromSeconds(seconds),
            DateTimeOffset => null,
            _ => _engine.Options.Lifetime,
        };
        return lifetime is { } window && window > TimeSpan.Zero && ExpiryDate - _stored.ExpiresAt > window / 2;
    }

    private object? ReadExpiry()
    {
        EnsureLoaded();
        return _entries.TryGetValue(ExpiryKey, out var entry) ? ParseExpiry(entry.CurrentJson(_engine.Json)) : null;
    }

    // The expiry as stored: a number of seconds, an ISO 8601 date, the browser-close marker, or nothing. Stored data
    // may hold any number or date, so both are clamped to MaxExpiryAge: an age or date past it would overflow the
    // date arithmetic of every save.
    private object? ParseExpiry(string? json)
    {
        if (json is null)
        {
            return null;
        }

        if (long.TryParse(json, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return Math.Clamp(seconds, -MaxExpirySeconds, MaxExpirySeconds);
        }

        string? text;
        try
        {
            text = SessionJson.Deserialize(json, SessionCodecs.String, _engine.Json);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }

        if (text == BrowserCloseMarker)
        {
            return text;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date))
        {
            return null;
        }

        var latest = _engine.Time.GetUtcNow() + MaxExpiryAge;
        return date > latest ? latest : date;
    }
}
