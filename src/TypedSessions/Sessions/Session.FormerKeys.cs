using System.ComponentModel;
using TypedSessions.Engine;
using TypedSessions.Serialization;

namespace TypedSessions;

public sealed partial class Session
{
    /// <summary>
    /// Reads a property that names former keys (<see cref="FormerSessionKeyAttribute"/>), for generated code: when
    /// <paramref name="key"/> is missing, the first former key whose value reads as <typeparamref name="T"/> gives it,
    /// else the value is <see langword="default"/>.
    /// </summary>
    /// <remarks>
    /// From then on the session shows the value under <paramref name="key"/> and none under the former keys, as its next
    /// save writes it; that save is made only for another reason, so a session that is only read is never written.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public T GetValue<T>(string key, ReadOnlySpan<string> formerKeys, SessionValueCodec<T> codec)
        => GetValue(key, formerKeys, codec, static () => default!);

    /// <summary>
    /// Reads a property that names former keys (<see cref="FormerSessionKeyAttribute"/>), for generated code: when
    /// <paramref name="key"/> is missing, the first former key whose value reads as <typeparamref name="T"/> gives it,
    /// else the value is <paramref name="whenMissing"/>.
    /// </summary>
    /// <remarks>
    /// From then on the session shows the value under <paramref name="key"/> and none under the former keys, as its next
    /// save writes it; that save is made only for another reason, so a session that is only read is never written.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public T GetValue<T>(string key, ReadOnlySpan<string> formerKeys, SessionValueCodec<T> codec, Func<T> whenMissing)
    {
        ArgumentNullException.ThrowIfNull(codec);
        Access();
        var entry = EntryFor(key);

        // Only a key the store lacks takes a former value: one removed during this request stays removed.
        if (entry.StoredJson is null && entry.CurrentJson(_engine.Json) is null)
        {
            MoveInFirstReadable(entry, formerKeys, codec);
        }

        MoveOutFormerKeys(formerKeys);
        return GetValue(key, codec, whenMissing);
    }

    /// <summary>
    /// Writes a property that names former keys (<see cref="FormerSessionKeyAttribute"/>), for generated code: an equal
    /// value changes nothing, and the former keys are removed with the next save.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void SetValue<T>(string key, ReadOnlySpan<string> formerKeys, T value, SessionValueCodec<T> codec)
    {
        SetValue(key, value, codec);
        MoveOutFormerKeys(formerKeys);
    }

    private void MoveInFirstReadable<T>(SessionEntry entry, ReadOnlySpan<string> formerKeys, SessionValueCodec<T> codec)
    {
        foreach (var formerKey in formerKeys)
        {
            // A value that does not read as T, or a null, is skipped: the property could not use it.
            if (_entries.TryGetValue(formerKey, out var former)
                && former.CurrentJson(_engine.Json) is { } json
                && TryReadTracked(formerKey, former, json, codec, out var value)
                && value is not null)
            {
                // The live value read carries on under the new key, so changing it in place is still saved.
                entry.MoveIn(json, former.Tracked, former.StoredJson);
                former.MoveOut();
                return;
            }
        }
    }

    // The property owns its key now: what former keys still hold (a value that lost to the new key's, or one the
    // property cannot read) goes with the next save.
    private void MoveOutFormerKeys(ReadOnlySpan<string> formerKeys)
    {
        foreach (var formerKey in formerKeys)
        {
            if (_entries.TryGetValue(formerKey, out var former) && former.CurrentJson(_engine.Json) is not null)
            {
                former.MoveOut();
            }
        }
    }
}
