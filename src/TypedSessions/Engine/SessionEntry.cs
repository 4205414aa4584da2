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

    /// <summary>Whether <paramref name="currentJson"/> differs from the store, by JSON meaning rather than text (stores may normalize it).</summary>
    public bool DiffersFromStore(string? currentJson) => !JsonText.AreEquivalent(currentJson, StoredJson);
}
