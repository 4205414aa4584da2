using System.Text.Json;
using System.Text.Json.Nodes;

namespace TypedSessions.Merging;

/// <summary>The merged value of one node: absent, or present as a node (a null node is JSON <c>null</c>).</summary>
/// <param name="IsPresent">False when the merged value is removed.</param>
/// <param name="Node">The merged value when present.</param>
internal readonly record struct MergedValue(bool IsPresent, JsonNode? Node)
{
    /// <summary>The value is removed.</summary>
    public static MergedValue Absent => default;

    /// <summary>One version's value unchanged; absent when <paramref name="element"/> is undefined.</summary>
    public static MergedValue Of(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Undefined => Absent,
        JsonValueKind.Object => new(true, JsonObject.Create(element)),
        JsonValueKind.Array => new(true, JsonArray.Create(element)),
        _ => new(true, JsonValue.Create(element)),
    };
}
