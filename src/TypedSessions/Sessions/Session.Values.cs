using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using TypedSessions.Engine;
using TypedSessions.Serialization;

namespace TypedSessions;

public sealed partial class Session
{
    // Stores read values nested up to 1024 deep (SessionDataFormat), deeper than JsonDocument's default of 64.
    private static readonly JsonDocumentOptions StoredValueOptions = new() { MaxDepth = 1024 };

    /// <summary>The keys that hold a value (Django's <c>keys()</c>).</summary>
    public IReadOnlyCollection<string> Keys
    {
        get
        {
            Access();
            return _entries.Where(pair => pair.Value.CurrentJson(_engine.Json) is not null).Select(pair => pair.Key).ToList();
        }
    }

    /// <summary>Whether <paramref name="key"/> holds a value (Django's <c>key in session</c>).</summary>
    public bool ContainsKey(string key)
    {
        Access();
        return _entries.TryGetValue(key, out var entry) && entry.CurrentJson(_engine.Json) is not null;
    }

    /// <summary>
    /// Reads a value, or <see langword="default"/> when the key is missing or its JSON does not fit
    /// <typeparamref name="T"/>. A mutable value that is changed in place is saved at commit.
    /// </summary>
    public T? Get<T>(string key) => GetValue<T?>(key, SessionCodecs.Json<T?>());

    /// <summary>Reads a value, or <paramref name="defaultValue"/> when the key is missing or unreadable.</summary>
    public T Get<T>(string key, T defaultValue) => TryGet<T>(key, out var value) ? value : defaultValue;

    /// <summary>
    /// Reads a value if the key holds one that fits <typeparamref name="T"/>. A mutable value that is changed in place
    /// is saved at commit, as with <see cref="Get{T}(string)"/>.
    /// </summary>
    public bool TryGet<T>(string key, [MaybeNullWhen(false)] out T value)
    {
        Access();
        if (_entries.TryGetValue(key, out var entry) && entry.CurrentJson(_engine.Json) is { } json)
        {
            return TryReadTracked(key, entry, json, SessionCodecs.Json<T>(), out value);
        }

        value = default;
        return false;
    }

    /// <summary>Sets a value (Django's <c>session[key] = value</c>); an equal value changes nothing.</summary>
    public void Set<T>(string key, T value) => SetValue(key, value, SessionCodecs.Json<T>());

    /// <summary>Removes a key (Django's <c>del session[key]</c>).</summary>
    /// <returns>Whether the key held a value.</returns>
    public bool Remove(string key)
    {
        Access();
        if (!_entries.TryGetValue(key, out var entry) || entry.CurrentJson(_engine.Json) is null)
        {
            return false;
        }

        entry.Set(json: null, tracked: null);
        return true;
    }

    /// <summary>Removes a key and returns its value (Django's <c>pop(key)</c>).</summary>
    /// <exception cref="KeyNotFoundException">The key holds no value.</exception>
    public T Pop<T>(string key)
    {
        if (!TryGet<T>(key, out var value))
        {
            throw new KeyNotFoundException($"The session has no key '{key}'.");
        }

        Remove(key);
        return value;
    }

    /// <summary>Removes a key and returns its value, or <paramref name="defaultValue"/> when missing (no change then).</summary>
    public T Pop<T>(string key, T defaultValue)
    {
        if (!TryGet<T>(key, out var value))
        {
            return defaultValue;
        }

        Remove(key);
        return value;
    }

    /// <summary>Returns the key's value, first setting it to <paramref name="value"/> when missing (Django's <c>setdefault</c>).</summary>
    public T SetDefault<T>(string key, T value)
    {
        if (TryGet<T>(key, out var existing))
        {
            return existing;
        }

        Set(key, value);
        return value;
    }

    /// <summary>Removes every key; the session stays (Django's <c>clear()</c>). Use <see cref="FlushAsync"/> to end it.</summary>
    public void Clear()
    {
        Access();
        foreach (var entry in _entries.Values)
        {
            entry.Set(json: null, tracked: null);
        }

        _forcedModified = true;
    }

    /// <summary>Every key with its stored JSON, decoded (Django's <c>get_decoded()</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement> ToDictionary()
    {
        Access();
        var decoded = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, entry) in _entries)
        {
            if (entry.CurrentJson(_engine.Json) is { } json)
            {
                using var document = JsonDocument.Parse(json, StoredValueOptions);
                decoded[key] = document.RootElement.Clone();
            }
        }

        return decoded;
    }

    /// <summary>Reads a property's value for generated code; a missing or unreadable key reads as <see langword="default"/>.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public T GetValue<T>(string key, SessionValueCodec<T> codec) => GetValue(key, codec, static () => default!);

    /// <summary>
    /// Reads a property's value for generated code; a missing or unreadable key reads as <paramref name="whenMissing"/>
    /// (an empty collection for a non-nullable list, say), which is tracked but never written unless changed.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public T GetValue<T>(string key, SessionValueCodec<T> codec, Func<T> whenMissing)
    {
        ArgumentNullException.ThrowIfNull(codec);
        Access();
        var entry = EntryFor(key);
        entry.UseCodec(codec);

        // The stand-in handed out for a missing key has no JSON until it changes, but is the same instance still.
        if (entry.Tracked is TrackedValue<T> tracked)
        {
            return tracked.Value;
        }

        if (entry.CurrentJson(_engine.Json) is { } json && TryReadTracked(key, entry, json, codec, out var value))
        {
            if (value is not null)
            {
                return value;
            }

            // A stored null does not fit a property that is never null: it reads as a fresh value, as a missing key does.
            LogMismatchOnce(key, entry, typeof(T).Name, json.Length);
        }

        // A missing or unreadable key: the stand-in is tracked too, so filling it in place is saved.
        value = whenMissing();
        TrackStandIn(entry, value, codec);
        return value;
    }

    /// <summary>Writes a property's value for generated code; an equal value changes nothing.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void SetValue<T>(string key, T value, SessionValueCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        Access();
        var entry = EntryFor(key);
        entry.UseCodec(codec);

        var json = SessionJson.Serialize(value, codec, _engine.Json);
        entry.Set(json, codec.IsMutable && value is not null ? new TrackedValue<T>(value, codec, json, baselineIsCodecOutput: true) : null);
    }

    // The value handed out before, if any, so in-place changes accumulate on one instance; else a fresh read of the
    // key's current text (which the caller has in hand), tracked when it can be changed in place.
    private bool TryReadTracked<T>(string key, SessionEntry entry, string json, SessionValueCodec<T> codec, [MaybeNullWhen(false)] out T value)
    {
        if (entry.Tracked is TrackedValue<T> tracked)
        {
            value = tracked.Value;
            return true;
        }

        if (!TryRead(key, entry, json, codec, out value))
        {
            return false;
        }

        // The text just read is the baseline: the value is serialized only when a commit compares it.
        entry.Track(codec.IsMutable && value is not null ? new TrackedValue<T>(value, codec, json, baselineIsCodecOutput: false) : null);
        return true;
    }

    // A stand-in for a missing key has no text of its own yet: its baseline is what the codec writes for it.
    private void TrackStandIn<T>(SessionEntry entry, T value, SessionValueCodec<T> codec)
        => entry.Track(codec.IsMutable && value is not null
            ? new TrackedValue<T>(value, codec, SessionJson.Serialize(value, codec, _engine.Json), baselineIsCodecOutput: true)
            : null);

    private bool TryRead<T>(string key, SessionEntry entry, string json, SessionValueCodec<T> codec, [MaybeNullWhen(false)] out T value)
    {
        try
        {
            value = SessionJson.Deserialize(json, codec, _engine.Json);
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or NotSupportedException or OverflowException)
        {
            LogMismatchOnce(key, entry, typeof(T).Name, json.Length);
            value = default;
            return false;
        }
    }

    // Once per request and key here; the log itself keeps it to once an hour per session and key.
    private void LogMismatchOnce(string key, SessionEntry entry, string type, int length)
    {
        if (!entry.MismatchLogged)
        {
            entry.MismatchLogged = true;
            _engine.StoredDataLog.ValueMismatch(RecordId, key, type, length);
        }
    }

    private void Access()
    {
        EnsureLoaded();
        _accessed = true;
        Touched();
    }
}
