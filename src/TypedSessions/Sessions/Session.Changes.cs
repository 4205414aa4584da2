using TypedSessions.Engine;
using TypedSessions.Stores;

namespace TypedSessions;

public sealed partial class Session
{
    // Bumped by every read or write through the session: a value handed out may then change in place, so changes
    // computed before are stale.
    private int _version;
    private SessionChanges? _changes;

    // The _version _changes was computed at; read only while _changes is set.
    private int _changesVersion;

    /// <summary>
    /// What a save would write now, for the commit path: computed once per state of the session, so every tracked value
    /// is serialized at most once between two uses of the session, however often the commit path asks.
    /// </summary>
    /// <remarks>
    /// Only the commit path caches: it runs after the handler, when nothing changes values handed out earlier except by
    /// using the session again (a save or key cycle the handler makes itself counts as a use). What the handler itself
    /// asks (<see cref="IsModified"/>, <see cref="IsEmpty"/>) is computed afresh, since a value read before may still be
    /// changed in place afterwards.
    /// </remarks>
    internal SessionChanges GetChanges()
    {
        if (_changes is not null && _changesVersion == _version)
        {
            return _changes;
        }

        _changes = ComputeChanges();
        _changesVersion = _version;
        return _changes;
    }

    /// <summary>Whether the session has neither a key nor data, as the commit path sees it (cached as <see cref="GetChanges"/>).</summary>
    internal bool IsEmptyAtCommit => _loaded ? _key is null && _userId is null && GetChanges().Values.Count == 0 : _candidateKey is null;

    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>().AsReadOnly();

    private static readonly List<(string Key, SessionEntry Entry, string? Json)> NoMoves = [];

    private SessionChanges ComputeChanges()
    {
        // A commit that finds nothing changed (most requests) allocates only the values it must hand on.
        var values = new Dictionary<string, string>(_entries.Count, StringComparer.Ordinal);
        var writes = new SessionWrites(_engine.Options.Concurrency);
        List<(string Key, SessionEntry Entry, string? Json)>? moves = null;
        var anyChange = false;
        foreach (var (key, entry) in _entries)
        {
            var json = entry.CurrentJson(_engine.Json);

            // A key move is written only with a save made for another reason, known once every key is seen.
            if (entry.IsMoving)
            {
                anyChange |= entry.DiffersFromMove(json);
                (moves ??= []).Add((key, entry, json));
                continue;
            }

            if (json is not null)
            {
                values[key] = json;
            }

            if (entry.DiffersFromStore(json))
            {
                anyChange = true;
                writes.Add(key, entry, json);
            }
        }

        var userIdChanged = !string.Equals(_userId, _stored?.UserId, StringComparison.Ordinal);
        var hasChanges = _forcedModified || userIdChanged || anyChange;
        foreach (var (key, entry, json) in moves ?? NoMoves)
        {
            // Unwritten, the store keeps the former keys: the values describe it as it stays.
            var valueAfterSave = hasChanges ? json : entry.StoredJson;
            if (valueAfterSave is not null)
            {
                values[key] = valueAfterSave;
            }

            if (hasChanges && entry.DiffersFromStore(json))
            {
                writes.Add(key, entry, json);
            }
        }

        return new SessionChanges
        {
            Values = values,
            Changed = writes.Changed ?? NoValues,
            Removed = writes.Removed ?? [],
            ExpiresAt = ExpiryDateOf(values),
            SavedAt = _engine.Time.GetUtcNow(),
            ExpectedValues = writes.Expected,
            UserIdChanged = userIdChanged,
            UserId = _userId,
            HasChanges = hasChanges,
        };
    }

    /// <summary>The record the store holds after <paramref name="changes"/> are written, with its metadata.</summary>
    internal SessionRecord RecordAfter(SessionChanges changes) => new(changes.Values, changes.ExpiresAt)
    {
        CreatedAt = KeepsStoredOrigin ? _stored!.CreatedAt : changes.SavedAt,
        LastSavedAt = changes.SavedAt,
        UserId = _userId,
        UserAgent = KeepsStoredOrigin ? _stored!.UserAgent : RecordedUserAgent(),
        RemoteAddress = KeepsStoredOrigin ? _stored!.RemoteAddress : RecordedRemoteAddress(),
    };

    /// <summary>What was written is now what the store holds, under <paramref name="key"/>.</summary>
    internal void MarkWritten(string key, SessionChanges changes, SessionRecord written)
    {
        // Removing while enumerating is allowed for a Dictionary, and saves a copy of every key per save.
        foreach (var (name, entry) in _entries)
        {
            // A save with no changes of its own (a touch, a cycle) left key moves unwritten: they stay pending.
            if (entry.IsMoving && !changes.HasChanges)
            {
                continue;
            }

            var json = changes.Values.GetValueOrDefault(name);
            entry.MarkStored(json);
            entry.MoveSaved();
            if (json is null && entry.Tracked is null)
            {
                _entries.Remove(name);
            }
        }

        _key = key;
        _candidateKey = key;
        _stored = written;
        _forcedModified = false;
        _startsNewLifetime = false;
        WasSaved = true;

        // Nothing differs from the store now; the next use of the session makes the next commit look again.
        _changes = new SessionChanges
        {
            Values = changes.Values,
            Changed = NoValues,
            Removed = [],
            ExpiresAt = changes.ExpiresAt,
            SavedAt = changes.SavedAt,
            UserId = changes.UserId,
        };
        _changesVersion = _version;
    }

    /// <summary>
    /// After a merged save: the merged values are what the session holds now. Values handed out before are let go, since
    /// they hold only this request's side of the merge.
    /// </summary>
    internal void AdoptMerged(SessionChanges merged)
    {
        foreach (var (name, json) in merged.Changed)
        {
            EntryFor(name).Set(json, tracked: null);
        }

        foreach (var name in merged.Removed)
        {
            EntryFor(name).Set(json: null, tracked: null);
        }
    }

    /// <summary>How concurrent changes of <paramref name="key"/> merge, as its property declares.</summary>
    internal Merging.JsonMergeRules MergeRulesFor(string key)
        => _entries.TryGetValue(key, out var entry) ? entry.MergeRules : Merging.JsonMergeRules.Default;

    private SessionEntry EntryFor(string name)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            entry = new SessionEntry(storedJson: null);
            _entries[name] = entry;
        }

        return entry;
    }

    /// <summary>The key, record and per-key baselines as they are now, to return to if a key cycle cannot complete.</summary>
    internal SessionKeyState CaptureKeyState()
        => new(
            _key,
            _stored,
            WasSaved,
            _startsNewLifetime,
            _entries.ToDictionary(pair => pair.Key, pair => pair.Value.StoredJson, StringComparer.Ordinal),
            _entries.ToDictionary(pair => pair.Key, pair => pair.Value.MergeRules, StringComparer.Ordinal));

    /// <summary>
    /// Back to the key, record and baselines the session had before a cycle that could not be completed, so the next
    /// save writes to the old record everything it does not hold yet.
    /// </summary>
    internal void RevertKey(SessionKeyState state)
    {
        // Key moves the cycle wrote were marked saved: against the old record they are changes like any other now.
        foreach (var (name, storedJson) in state.Baselines)
        {
            if (_entries.TryGetValue(name, out var entry))
            {
                entry.MarkStored(storedJson);
            }
            else
            {
                // Written as removed under the new key, so forgotten: the old record still holds it, and it stays removed.
                var removed = new SessionEntry(storedJson);
                removed.Set(json: null, tracked: null);
                removed.UseRules(state.MergeRules[name]);
                _entries[name] = removed;
            }
        }

        _key = state.Key;
        _candidateKey = state.Key;
        _stored = state.Stored;
        _startsNewLifetime = state.StartsNewLifetime;
        WasSaved = state.WasSaved;

        // Nothing computed before stands: the next commit computes the changes afresh.
        _changes = null;
    }

    /// <summary>The record is gone (flushed); the session keeps no key.</summary>
    internal void ForgetKey()
    {
        _key = null;
        _candidateKey = null;
        _stored = null;
        _userId = null;
    }

    private void Touched() => _version++;
}
