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
    /// Expires the session <paramref name="age"/> after its last save (Django's <c>set_expiry(seconds)</c>), in whole
    /// seconds. A zero or negative age makes the saved record expire at once.
    /// </summary>
    public void SetExpiry(TimeSpan age) => SetValue(ExpiryKey, (long)Math.Floor(age.TotalSeconds), SessionCodecs.Int64);

    /// <summary>Expires the session at <paramref name="expiresAt"/> (Django's <c>set_expiry(datetime)</c>).</summary>
    public void SetExpiry(DateTimeOffset expiresAt)
        => SetValue(ExpiryKey, expiresAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), SessionCodecs.String);

    /// <summary>
    /// Makes the cookie a browser-session cookie (Django's <c>set_expiry(0)</c>). The record still expires on the
    /// server after <see cref="TypedSessionsOptions.Lifetime"/>.
    /// </summary>
    public void ExpireAtBrowserClose() => SetValue(ExpiryKey, BrowserCloseMarker, SessionCodecs.String);

    /// <summary>Returns to the global expiry policy (Django's <c>set_expiry(None)</c>).</summary>
    public void ResetExpiry() => Remove(ExpiryKey);

    /// <summary>How long from now until the session expires if saved now (Django's <c>get_expiry_age()</c>).</summary>
    public TimeSpan ExpiryAge => ReadExpiry() switch
    {
        long seconds => TimeSpan.FromSeconds(seconds),
        DateTimeOffset date => TimeSpan.FromSeconds(Math.Floor((date - _engine.Time.GetUtcNow()).TotalSeconds)),
        _ => _engine.Options.Lifetime,
    };

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

    private DateTimeOffset ExpiryDateFor(object? expiry) => expiry switch
    {
        long seconds => _engine.Time.GetUtcNow().AddSeconds(seconds),
        DateTimeOffset date => date,
        _ => _engine.Time.GetUtcNow() + _engine.Options.Lifetime,
    };

    private object? ReadExpiry()
    {
        EnsureLoaded();
        return _entries.TryGetValue(ExpiryKey, out var entry) ? ParseExpiry(entry.CurrentJson(_engine.Json)) : null;
    }

    // The expiry as stored: a number of seconds, an ISO 8601 date, the browser-close marker, or nothing.
    private object? ParseExpiry(string? json)
    {
        if (json is null)
        {
            return null;
        }

        if (long.TryParse(json, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds;
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

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date) ? date : null;
    }
}
