namespace TypedSessions.Stores;

/// <summary>
/// What one save of an existing session writes, computed once per commit. Stores apply <see cref="Changed"/> and
/// <see cref="Removed"/> to what they hold (per key, or by merging inside a transaction), so that concurrent requests
/// changing different keys both survive; a store that keeps the whole record in one place it cannot merge into writes
/// <see cref="Values"/> and documents that the last writer wins.
/// </summary>
public sealed class SessionChanges
{
    /// <summary>Every key of the session after this save, with its JSON.</summary>
    public required IReadOnlyDictionary<string, string> Values { get; init; }

    /// <summary>The keys this save sets, with their new JSON.</summary>
    public required IReadOnlyDictionary<string, string> Changed { get; init; }

    /// <summary>The keys this save removes.</summary>
    public required IReadOnlyCollection<string> Removed { get; init; }

    /// <summary>The record's new expiry.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>
    /// When this save happens, by the application's clock: the record's new last-saved time. The engine always sets it;
    /// when it is <see langword="null"/>, stores keep the last-saved time they hold.
    /// </summary>
    public DateTimeOffset? SavedAt { get; init; }

    /// <summary>
    /// In optimistic concurrency, the JSON each changed or removed key held when the session was loaded
    /// (<see langword="null"/>: the key was absent). The store writes only if it still holds exactly these, compared as
    /// JSON; <see langword="null"/> in the default last-writer-wins mode.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? ExpectedValues { get; init; }

    /// <summary>
    /// Whether this save moves the session to another user, or to none (<see cref="Session.SetUserId"/>): the store then
    /// writes <see cref="UserId"/> and keeps its per-user index in step. When <see langword="false"/>, stores keep the user
    /// id they hold.
    /// </summary>
    public bool UserIdChanged { get; init; }

    /// <summary>The record's user id after this save, when <see cref="UserIdChanged"/>.</summary>
    public string? UserId { get; init; }

    /// <summary>
    /// Whether the session must be written: a key changed or was removed, or the session was marked modified
    /// (<see cref="Session.MarkModified"/>, <see cref="Session.Clear"/>), which refreshes the expiry, or its user changed.
    /// </summary>
    public bool HasChanges { get; init; }

    /// <summary>Whether <paramref name="current"/> still holds every expected value, for stores that check in memory.</summary>
    public bool ExpectedValuesMatch(IReadOnlyDictionary<string, string> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (ExpectedValues is null)
        {
            return true;
        }

        foreach (var (key, expected) in ExpectedValues)
        {
            var actual = current.TryGetValue(key, out var json) ? json : null;
            if (!Serialization.JsonText.AreEquivalent(actual, expected))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Applies these changes to the values a store currently holds, for stores that merge in memory.</summary>
    public Dictionary<string, string> ApplyTo(IReadOnlyDictionary<string, string> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var merged = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var key in Removed)
        {
            merged.Remove(key);
        }

        foreach (var (key, json) in Changed)
        {
            merged[key] = json;
        }

        return merged;
    }
}
