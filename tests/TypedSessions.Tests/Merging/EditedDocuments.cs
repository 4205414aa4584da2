using System.Text.Json.Nodes;
using CsCheck;

namespace TypedSessions.Tests.Merging;

/// <summary>A base cart document and two independent edits of it: what two tabs save concurrently.</summary>
internal sealed record EditedDocuments(string Base, string Ours, string Theirs)
{
    private const int OursFirstId = 1000;
    private const int TheirsFirstId = 2000;

    /// <summary>
    /// A base of lines with unique integer <c>Id</c>s, each with scalar leaves and an array of options with Ids of
    /// their own; ours and theirs each apply up to five random edits to it, adding elements with fresh Ids from
    /// disjoint ranges.
    /// </summary>
    public static Gen<EditedDocuments> Gen { get; } =
        CsCheck.Gen.Select(
            CsCheck.Gen.Int[0, 9],
            CsCheck.Gen.Int[0, 9].Array[0, 3].Array[0, 4],
            Edit.Gen.Array[0, 5],
            Edit.Gen.Array[0, 5])
        .Select(static parts =>
        {
            var baseDocument = BuildBase(parts.Item1, parts.Item2);
            var ours = Apply(baseDocument.DeepClone(), parts.Item3, OursFirstId);
            var theirs = Apply(baseDocument.DeepClone(), parts.Item4, TheirsFirstId);
            return new EditedDocuments(baseDocument.ToJsonString(), ours.ToJsonString(), theirs.ToJsonString());
        });

    private static JsonNode BuildBase(int count, int[][] lines)
    {
        var nextId = 1;
        var lineNodes = new JsonArray();
        foreach (var options in lines)
        {
            var optionNodes = new JsonArray();
            foreach (var value in options)
            {
                optionNodes.Add(new JsonObject { ["Id"] = nextId++, ["Value"] = value });
            }

            lineNodes.Add(new JsonObject { ["Id"] = nextId++, ["Quantity"] = options.Length + 1, ["Note"] = "", ["Options"] = optionNodes });
        }

        return new JsonObject { ["Name"] = "cart", ["Count"] = count, ["Lines"] = lineNodes };
    }

    private static JsonNode Apply(JsonNode document, Edit[] edits, int firstId)
    {
        var nextId = firstId;
        foreach (var edit in edits)
        {
            edit.ApplyTo(document, ref nextId);
        }

        return document;
    }

    /// <summary>One edit; its numbers pick the target among the document's arrays or objects at the time it applies.</summary>
    internal readonly record struct Edit(int Kind, int Target, int Position, int Value)
    {
        public static Gen<Edit> Gen { get; } =
            CsCheck.Gen.Select(CsCheck.Gen.Int[0, 3], CsCheck.Gen.Int[0, 999], CsCheck.Gen.Int[0, 999], CsCheck.Gen.Int[0, 9])
                .Select(static parts => new Edit(parts.Item1, parts.Item2, parts.Item3, parts.Item4));

        public void ApplyTo(JsonNode document, ref int nextId)
        {
            var nodes = Descendants(document).ToList();
            var arrays = nodes.OfType<JsonArray>().ToList();
            var objects = nodes.OfType<JsonObject>().ToList();
            switch (Kind)
            {
                case 0: // add an element with a fresh id
                    var array = arrays[Target % arrays.Count];
                    JsonObject element = array.GetPropertyName() == "Lines"
                        ? new() { ["Id"] = nextId++, ["Quantity"] = Value, ["Note"] = "new", ["Options"] = new JsonArray() }
                        : new() { ["Id"] = nextId++, ["Value"] = Value };
                    array.Insert(Position % (array.Count + 1), element);
                    break;
                case 1: // remove an element
                    var nonEmpty = arrays.Where(static candidate => candidate.Count > 0).ToList();
                    if (nonEmpty.Count > 0)
                    {
                        var from = nonEmpty[Target % nonEmpty.Count];
                        from.RemoveAt(Position % from.Count);
                    }

                    break;
                case 2: // change a leaf
                    var owner = objects[Target % objects.Count];
                    var leaves = owner.Where(static property => property.Key != "Id" && property.Value is JsonValue).Select(static property => property.Key).ToList();
                    if (leaves.Count > 0)
                    {
                        var name = leaves[Position % leaves.Count];
                        owner[name] = owner[name]!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? Value + 100 : $"s{Value}";
                    }

                    break;
                default: // add a property
                    var target = objects[Target % objects.Count];
                    target.TryAdd($"P{Value % 3}", Value);
                    break;
            }
        }

        private static IEnumerable<JsonNode> Descendants(JsonNode node)
        {
            yield return node;
            var children = node switch
            {
                JsonObject obj => obj.Select(static property => property.Value),
                JsonArray array => array,
                _ => [],
            };
            foreach (var child in children.OfType<JsonNode>())
            {
                foreach (var descendant in Descendants(child))
                {
                    yield return descendant;
                }
            }
        }
    }
}
