using System.Text.Json;
using TypedSessions.Serialization;

namespace TypedSessions.Engine;

/// <summary>
/// One key of a loaded session: its JSON as stored, its JSON now, and the live value handed out for it, if that value
/// can be changed in place.
/// </summary>
internal sealed class SessionEntry(string? storedJson)
{
    /// <summary>The JSON in the store, or <see langword="null"/> when the store lacks the key.</summary>
    public string? StoredJson { get; set; } = storedJson;

    /// <summary>The JSON now, or <see langword="null"/> when the key is absent; valid after <see cref="Sync"/>.</summary>
    public string? Json { get; set; } = storedJson;

    /// <summary>A mutable value handed out for this key, compared against its serialized form at commit.</summary>
    public TrackedValue? Tracked { get; set; }

    /// <summary>Whether a mismatch between the stored JSON and a property's type was already logged.</summary>
    public bool MismatchLogged { get; set; }

    /// <summary>Folds in-place changes of the tracked value into <see cref="Json"/> and returns the current JSON.</summary>
    public string? Sync(JsonSerializerOptions options)
    {
        if (Tracked is { } tracked)
        {
            var json = tracked.Serialize(options);
            if (!string.Equals(json, tracked.BaselineJson, StringComparison.Ordinal))
            {
                Json = json;
                tracked.BaselineJson = json;
            }
        }

        return Json;
    }

    /// <summary>Whether the key differs from the store, by JSON meaning rather than text (stores may normalize it).</summary>
    public bool IsChanged => !JsonText.AreEquivalent(Json, StoredJson);
}
