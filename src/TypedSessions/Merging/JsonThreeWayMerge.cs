using System.Text.Json;
using static TypedSessions.Merging.JsonElementEquality;

namespace TypedSessions.Merging;

/// <summary>
/// Merges two concurrent changes of one session key's JSON: ours (this save) and theirs (what a concurrent save
/// stored), both made from the same base (the JSON as this request loaded it).
/// </summary>
/// <remarks>
/// <para>A side that left a value as it was in the base takes the other side's value. Where both changed it:</para>
/// <list type="bullet">
/// <item>Objects merge property by property. A property removed on both sides is gone; removed on one side and
/// changed on the other is a conflict.</item>
/// <item>Arrays: ours' changes against the base are applied to theirs (see <see cref="MergeArrays"/>).</item>
/// <item>A value absent (or <c>null</c>) in the base that both sides made an object, or both an array, merges as
/// if the base were empty: two tabs adding the first lines of a cart both keep them.</item>
/// <item>Anything else both changed is a conflict: a leaf, even when both wrote the same value (two increments of
/// one quantity are two changes), a type change, a removal against a change. The policy at its path settles it;
/// see <see cref="Settle"/>.</item>
/// <item>The same value added on both sides where the base had none is one addition, not a conflict (except for a
/// number under <see cref="SessionConflict.Sum"/>, where two counters started at once add up).</item>
/// </list>
/// </remarks>
internal sealed partial class JsonThreeWayMerge
{
    private readonly JsonMergeRules _rules;
    private readonly List<JsonMergeConflict> _conflicts = [];
    private bool _rejected;

    private JsonThreeWayMerge(JsonMergeRules rules) => _rules = rules;

    /// <summary>Merges one key. Null JSON means the key is absent (in the base: it did not exist when loaded).</summary>
    /// <param name="baseJson">The key's JSON as this request loaded it.</param>
    /// <param name="oursJson">The key's JSON this save writes.</param>
    /// <param name="theirsJson">The key's JSON now in the store.</param>
    /// <param name="rules">Element identity and conflict policies.</param>
    /// <exception cref="JsonException">One of the texts is not JSON.</exception>
    public static JsonMergeResult Merge(string? baseJson, string? oursJson, string? theirsJson, JsonMergeRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);

        // One side unchanged: the other side's text as it is, without parsing.
        if (string.Equals(oursJson, baseJson, StringComparison.Ordinal))
        {
            return JsonMergeResult.Merged(theirsJson, []);
        }

        if (string.Equals(theirsJson, baseJson, StringComparison.Ordinal))
        {
            return JsonMergeResult.Merged(oursJson, []);
        }

        using var baseDocument = Parse(baseJson);
        using var oursDocument = Parse(oursJson);
        using var theirsDocument = Parse(theirsJson);
        var (baseValue, ours, theirs) = (Root(baseDocument), Root(oursDocument), Root(theirsDocument));
        if (Same(ours, baseValue))
        {
            return JsonMergeResult.Merged(theirsJson, []);
        }

        if (Same(theirs, baseValue))
        {
            return JsonMergeResult.Merged(oursJson, []);
        }

        var merge = new JsonThreeWayMerge(rules);
        var merged = merge.MergeValue(JsonMergePath.Root, baseValue, ours, theirs);
        if (merge._rejected)
        {
            return JsonMergeResult.Rejected(merge._conflicts);
        }

        // Serialized while the documents the merged nodes wrap are still alive.
        var json = merged.IsPresent ? merged.Node?.ToJsonString() ?? "null" : null;
        return JsonMergeResult.Merged(json, merge._conflicts);
    }

    private MergedValue MergeValue(JsonMergePath path, JsonElement baseValue, JsonElement ours, JsonElement theirs)
    {
        if (Same(ours, baseValue))
        {
            return MergedValue.Of(theirs);
        }

        if (Same(theirs, baseValue))
        {
            return MergedValue.Of(ours);
        }

        if (IsAbsent(ours) && IsAbsent(theirs))
        {
            return MergedValue.Absent;
        }

        var kind = ours.ValueKind;
        var sameCollectionKind = kind is JsonValueKind.Object or JsonValueKind.Array && theirs.ValueKind == kind
            && (baseValue.ValueKind == kind || baseValue.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null);
        if (!sameCollectionKind)
        {
            return Settle(path, baseValue, ours, theirs);
        }

        return kind == JsonValueKind.Object ? MergeObjects(path, baseValue, ours, theirs) : MergeArrays(path, baseValue, ours, theirs);
    }

    private static JsonDocument? Parse(string? json) => json is null ? null : JsonDocument.Parse(json);

    private static JsonElement Root(JsonDocument? document) => document?.RootElement ?? default;
}
