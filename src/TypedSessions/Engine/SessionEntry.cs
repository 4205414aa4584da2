using System.Text.Json;
using TypedSessions.Merging;
using TypedSessions.Serialization;
using TypedSessions.Serialization.Codecs;

namespace TypedSessions.Engine;

/// <summary>
/// One key of a loaded session: its JSON as stored, its JSON as last set, and the live value handed out for it, if
/// that value can be changed in place. <see cref="CurrentJson"/> is the one way to read what the key holds now.
/// </summary>
internal sealed class SessionEntry(string? storedJson)
{
    private string? _json = storedJson;

    /// <summary>The JSON in the store, or <see langword="null"/> when the store lacks the key.</summary>
    public string? StoredJson { get; private set; } = storedJson;

    /// <summary>A mutable value handed out for this key, compared against its serialized form when read.</summary>
    public TrackedValue? Tracked { get; private set; }

    /// <summary>How concurrent changes of this key merge: declared by the property it was last used through, if any.</summary>
    public JsonMergeRules MergeRules { get; private set; } = JsonMergeRules.Default;

    /// <summary>Takes the merge rules the property's codec carries, if it carries any.</summary>
    public void UseCodec(object codec)
    {
        if (codec is IMergeRulesCodec { MergeRules: var rules })
        {
            UseRules(rules);
        }
    }

    /// <summary>Merges this key's concurrent changes by <paramref name="rules"/> from now on.</summary>
    public void UseRules(JsonMergeRules rules) => MergeRules = rules;

    /// <summary>Whether a mismatch between the stored JSON and a property's type was already logged.</summary>
    public bool MismatchLogged { get; set; }

    /// <summary>
    /// The key's JSON now, or <see langword="null"/> when it holds no value. A tracked value is serialized to fold in
    /// changes made to it in place; this is the only place that does so.
    /// </summary>
    public string? CurrentJson(JsonSerializerOptions options)
    {
        if (Tracked?.SerializeIfChanged(options) is { } json)
        {
            _json = json;
        }

        return _json;
    }

    /// <summary>Sets the key's JSON (<see langword="null"/>: removed) and the live value handed out for it, if any.</summary>
    public void Set(string? json, TrackedValue? tracked)
    {
        _json = json;
        Tracked = tracked;
    }

    /// <summary>Starts tracking a value handed out for the key's current JSON.</summary>
    public void Track(TrackedValue? tracked) => Tracked = tracked;

    /// <summary>Records that the store now holds <paramref name="json"/>.</summary>
    public void MarkStored(string? json) => StoredJson = json;

    /// <summary>
    /// Whether the key takes part in a move from a former key (<see cref="FormerSessionKeyAttribute"/>) that is not
    /// saved yet: such a move is written only with a save made for another reason.
    /// </summary>
    public bool IsMoving { get; private set; }

    // What the key holds once the move alone is applied to the store: the former key's stored JSON for the key moved
    // into, null for a former key.
    private string? _jsonAfterMove;

    /// <summary>Takes the value of a former key, as read from it, for a key the store lacks.</summary>
    /// <param name="json">The former key's JSON now.</param>
    /// <param name="tracked">The live value handed out for it, if any, which carries on under this key.</param>
    /// <param name="formerStoredJson">The former key's JSON in the store: what the move alone writes here.</param>
    public void MoveIn(string json, TrackedValue? tracked, string? formerStoredJson)
    {
        Set(json, tracked);
        IsMoving = true;
        _jsonAfterMove = formerStoredJson;
    }

    /// <summary>Gives up this former key's value: it is removed with the next save.</summary>
    public void MoveOut()
    {
        Set(json: null, tracked: null);
        IsMoving = true;
        _jsonAfterMove = null;
    }

    /// <summary>The store holds the moved keys now.</summary>
    public void MoveSaved()
    {
        IsMoving = false;
        _jsonAfterMove = null;
    }

    /// <summary>
    /// Whether <paramref name="currentJson"/> of a moving key differs from what the move alone would leave: a change of
    /// its own, which makes the session modified.
    /// </summary>
    public bool DiffersFromMove(string? currentJson) => !JsonText.AreEquivalent(currentJson, _jsonAfterMove);

    /// <summary>Whether <paramref name="currentJson"/> differs from the store, by JSON meaning rather than text (stores may normalize it).</summary>
    public bool DiffersFromStore(string? currentJson) => !JsonText.AreEquivalent(currentJson, StoredJson);
}
