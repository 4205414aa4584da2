using System.Text.Json.Nodes;

namespace TypedSessions.Tests.Merging;

/// <summary>What the property tests compare in a merged cart document.</summary>
internal static class DocumentFacts
{
    /// <summary>The document with object properties sorted and arrays of elements with ids sorted by id.</summary>
    public static string Canonical(string json) => Canonical(JsonNode.Parse(json));

    /// <summary>Every element id, with the ids of the elements enclosing it (outermost first).</summary>
    public static List<(int Id, int[] Ancestors)> Elements(string json)
    {
        var elements = new List<(int, int[])>();
        Walk(JsonNode.Parse(json), [], (id, ancestors, _) => elements.Add((id, ancestors)));
        return elements;
    }

    /// <summary>The ids of each array's elements in order, by the id of the element holding the array (0 for the root).</summary>
    public static Dictionary<int, List<int>> ArraysByOwner(string json)
    {
        var arrays = new Dictionary<int, List<int>>();
        Walk(JsonNode.Parse(json), [], (id, ancestors, _) =>
        {
            var owner = ancestors.Length == 0 ? 0 : ancestors[^1];
            if (!arrays.TryGetValue(owner, out var ids))
            {
                arrays[owner] = ids = [];
            }

            ids.Add(id);
        });
        return arrays;
    }

    private static void Walk(JsonNode? node, int[] ancestors, Action<int, int[], JsonObject> visit)
    {
        switch (node)
        {
            case JsonObject obj:
                var inner = ancestors;
                if (obj["Id"] is JsonValue id && obj.Parent is JsonArray)
                {
                    visit(id.GetValue<int>(), ancestors, obj);
                    inner = [.. ancestors, id.GetValue<int>()];
                }

                foreach (var (_, value) in obj)
                {
                    Walk(value, inner, visit);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, ancestors, visit);
                }

                break;
        }
    }

    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(static p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{Canonical(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(",", array
            .OrderBy(static item => item is JsonObject obj && obj["Id"] is JsonValue id ? id.GetValue<int>() : 0)
            .Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
