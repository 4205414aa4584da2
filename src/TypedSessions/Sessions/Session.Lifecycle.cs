using TypedSessions.Stores;

namespace TypedSessions;

public sealed partial class Session
{
    /// <summary>
    /// Saves the session now (Django's <c>save()</c>): a keyless session is created under a fresh key, an existing one
    /// is updated with only the keys that changed. Inside a request the middleware saves for you; call this for
    /// sessions opened through <see cref="ISessionManager"/>.
    /// </summary>
    /// <exception cref="SessionInterruptedException">The record was deleted concurrently; it is not resurrected.</exception>
    /// <exception cref="SessionConflictException">
    /// With <see cref="SessionConcurrency.Optimistic"/>, a key this save changes was changed by a concurrent request.
    /// </exception>
    public async ValueTask SaveAsync(CancellationToken cancellationToken = default)
    {
        EnsureLoaded();
        var values = CurrentValues();
        var expiresAt = ExpiryDate;
        if (_key is null)
        {
            _key = await _engine.Backend.CreateAsync(values, expiresAt, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var changed = _entries.Where(pair => pair.Value.IsChanged).ToList();
            var update = new SessionRecordUpdate
            {
                Values = values,
                Changed = changed.Where(pair => pair.Value.Json is not null)
                    .ToDictionary(pair => pair.Key, pair => pair.Value.Json!, StringComparer.Ordinal),
                Removed = changed.Where(pair => pair.Value.Json is null).Select(pair => pair.Key).ToList(),
                ExpiresAt = expiresAt,
                ExpectedValues = _engine.Options.Concurrency == SessionConcurrency.Optimistic
                    ? changed.ToDictionary(pair => pair.Key, pair => pair.Value.StoredJson, StringComparer.Ordinal)
                    : null,
            };
            var (result, key) = await _engine.Backend.UpdateAsync(_key, update, cancellationToken).ConfigureAwait(false);
            switch (result)
            {
                case SessionUpdateResult.NotFound:
                    throw new SessionInterruptedException();
                case SessionUpdateResult.Conflict:
                    throw new SessionConflictException(update.ExpectedValues!.Keys);
            }

            _key = key;
        }

        _candidateKey = _key;
        MarkSaved();
    }

    /// <summary>
    /// Deletes the session's record and data and forgets its key (Django's <c>flush()</c>), as on sign-out. The
    /// response deletes the cookie unless the session gets new data, which is then saved under a fresh key.
    /// </summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        Clear();
        if (_key is not null)
        {
            await _engine.Backend.DeleteAsync(_key, cancellationToken).ConfigureAwait(false);
        }

        _key = null;
        _candidateKey = null;
    }

    /// <summary>
    /// Moves the session's data to a fresh key and deletes the old record (Django's <c>cycle_key()</c>), as on sign-in,
    /// so that a key planted before sign-in is worthless after it.
    /// </summary>
    public async ValueTask CycleKeyAsync(CancellationToken cancellationToken = default)
    {
        Access();
        var previousKey = _key;
        _key = await _engine.Backend.CreateAsync(CurrentValues(), ExpiryDate, cancellationToken).ConfigureAwait(false);
        _candidateKey = _key;
        MarkSaved();
        _forcedModified = true;
        if (previousKey is not null)
        {
            await _engine.Backend.DeleteAsync(previousKey, cancellationToken).ConfigureAwait(false);
        }
    }

    private Dictionary<string, string> CurrentValues()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, entry) in _entries)
        {
            if (entry.Sync(_engine.Json) is { } json)
            {
                values[key] = json;
            }
        }

        return values;
    }

    // What was written is now what the store holds.
    private void MarkSaved()
    {
        foreach (var key in _entries.Keys.ToList())
        {
            var entry = _entries[key];
            entry.StoredJson = entry.Json;
            if (entry.Json is null && entry.Tracked is null)
            {
                _entries.Remove(key);
            }
        }

        _forcedModified = false;
        WasSaved = true;
    }
}
