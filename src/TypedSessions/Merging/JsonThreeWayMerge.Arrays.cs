using System.Text.Json;
using System.Text.Json.Nodes;

namespace TypedSessions.Merging;

internal sealed partial class JsonThreeWayMerge
{
    /// <summary>
    /// Applies ours' changes to theirs' array. Elements are matched across versions by their identity property
    /// (<see cref="JsonMergeRules.IdentityAt"/>, by convention <c>Id</c>) or, failing that, by JSON equality.
    /// </summary>
    /// <remarks>
    /// <para>Theirs' elements keep theirs' order; each is merged with ours' version of it, so an element changed on
    /// both sides merges recursively, and one ours removed is dropped (a conflict if theirs changed it).</para>
    /// <para>Ours' elements that theirs lacks (ours' insertions, and elements theirs removed but ours changed, when
    /// the policy keeps them) go right before the element that follows them in ours, that is after any elements
    /// theirs inserted at the same place; with no such element, last. So a line each tab appended comes out as
    /// theirs' line, then ours'. An element both sides added is one element (merged if they differ).</para>
    /// <para>Moves are not replayed: elements both sides kept stay in theirs' order.</para>
    /// </remarks>
    private MergedValue MergeArrays(JsonMergePath path, JsonElement baseValue, JsonElement ours, JsonElement theirs)
    {
        var identity = ArrayIdentity.Find(_rules.IdentityPropertiesAt(path.Pattern), baseValue, ours, theirs);
        var baseByKey = ByKey(identity.Entries(baseValue));
        var ourEntries = identity.Entries(ours);
        var oursByKey = ByKey(ourEntries);
        var theirEntries = identity.Entries(theirs);
        var theirKeys = theirEntries.Select(static entry => entry.Key).ToHashSet();

        var merged = new List<(ArrayElementKey Key, JsonNode? Node)>();
        foreach (var their in theirEntries)
        {
            var value = MergeValue(their.PathBelow(path), ValueOf(baseByKey, their.Key), ValueOf(oursByKey, their.Key), their.Value);
            if (value.IsPresent)
            {
                merged.Add((their.Key, value.Node));
            }
        }

        // Merged in ours' order (so conflicts are reported in it), placed from the last so each finds its follower.
        var ourOnly = ourEntries
            .Select(our => theirKeys.Contains(our.Key) ? MergedValue.Absent : MergeValue(our.PathBelow(path), ValueOf(baseByKey, our.Key), our.Value, default))
            .ToArray();
        ArrayElementKey? follower = null;
        for (var i = ourEntries.Count - 1; i >= 0; i--)
        {
            var key = ourEntries[i].Key;
            if (theirKeys.Contains(key))
            {
                follower = IndexOf(merged, key) >= 0 ? key : follower;
                continue;
            }

            if (ourOnly[i].IsPresent)
            {
                merged.Insert(follower is { } next ? IndexOf(merged, next) : merged.Count, (key, ourOnly[i].Node));
                follower = key;
            }
        }

        return new(true, new JsonArray([.. merged.Select(static element => element.Node)]));
    }

    private static Dictionary<ArrayElementKey, JsonElement> ByKey(List<ArrayEntry> entries) =>
        entries.ToDictionary(static entry => entry.Key, static entry => entry.Value);

    private static JsonElement ValueOf(Dictionary<ArrayElementKey, JsonElement> elements, ArrayElementKey key) =>
        elements.TryGetValue(key, out var value) ? value : default;

    private static int IndexOf(List<(ArrayElementKey Key, JsonNode? Node)> merged, ArrayElementKey key) =>
        merged.FindIndex(element => element.Key.Equals(key));
}
