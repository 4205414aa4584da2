using System.Text.Json;
using System.Text.Json.Nodes;

namespace TypedSessions.Merging;

internal sealed partial class JsonThreeWayMerge
{
    /// <summary>
    /// Merges two changed objects property by property. The merged object has theirs' properties in theirs' order,
    /// then those only ours has, in ours' order.
    /// </summary>
    private MergedValue MergeObjects(JsonMergePath path, JsonElement baseValue, JsonElement ours, JsonElement theirs)
    {
        var baseProperties = Properties(baseValue);
        var ourProperties = Properties(ours);
        var theirProperties = Properties(theirs);
        var merged = new JsonObject();
        foreach (var (name, their) in theirProperties)
        {
            var value = MergeValue(path.Property(name), ValueOf(baseProperties, name), ValueOf(ourProperties, name), their);
            Add(merged, name, value);
        }

        foreach (var (name, our) in ourProperties)
        {
            if (!theirProperties.ContainsKey(name))
            {
                Add(merged, name, MergeValue(path.Property(name), ValueOf(baseProperties, name), our, default));
            }
        }

        return new(true, merged);
    }

    /// <summary>The properties of an object; none for anything else (an absent or null base counts as empty).</summary>
    private static OrderedDictionary<string, JsonElement> Properties(JsonElement value)
    {
        var properties = new OrderedDictionary<string, JsonElement>(StringComparer.Ordinal);
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                // A repeated name keeps its first position and its last value, as deserialization reads it.
                properties[property.Name] = property.Value;
            }
        }

        return properties;
    }

    private static JsonElement ValueOf(OrderedDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value) ? value : default;

    private static void Add(JsonObject merged, string name, MergedValue value)
    {
        if (value.IsPresent)
        {
            merged[name] = value.Node;
        }
    }
}
