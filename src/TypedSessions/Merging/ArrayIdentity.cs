using System.Text.Json;

namespace TypedSessions.Merging;

/// <summary>
/// How the elements of one array are told apart across its three versions: by an identity property when every
/// element of every version is an object that has it, by JSON equality otherwise.
/// </summary>
internal sealed class ArrayIdentity
{
    private readonly string? _property;

    private ArrayIdentity(string? property) => _property = property;

    /// <summary>
    /// Identity by the first of <paramref name="candidates"/> (each matched case-insensitively, an exact match first)
    /// that every element of the three versions has; a missing or non-array version counts as empty. By JSON
    /// equality when none is.
    /// </summary>
    public static ArrayIdentity Find(IReadOnlyList<string> candidates, JsonElement baseArray, JsonElement ours, JsonElement theirs)
    {
        foreach (var property in candidates)
        {
            if (AllHave(property, baseArray) && AllHave(property, ours) && AllHave(property, theirs))
            {
                return new(property);
            }
        }

        return new(null);
    }

    /// <summary>The elements of <paramref name="array"/> with their keys; none when it is absent or no array.</summary>
    public List<ArrayEntry> Entries(JsonElement array)
    {
        var entries = new List<ArrayEntry>();
        if (array.ValueKind != JsonValueKind.Array)
        {
            return entries;
        }

        var occurrences = new Dictionary<ArrayElementKey, int>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            string? name = null;
            var identity = element;
            if (_property is not null && TryGetIdentity(element, _property, out var found))
            {
                (name, identity) = (found.Name, found.Value);
            }

            // Equal identities within one version are paired with the other versions' in order of appearance.
            var first = new ArrayElementKey(identity, 0);
            occurrences.TryGetValue(first, out var occurrence);
            occurrences[first] = occurrence + 1;
            entries.Add(new ArrayEntry(new ArrayElementKey(identity, occurrence), element, index++, name));
        }

        return entries;
    }

    private static bool AllHave(string property, JsonElement array) =>
        array.ValueKind != JsonValueKind.Array || array.EnumerateArray().All(element => TryGetIdentity(element, property, out _));

    private static bool TryGetIdentity(JsonElement element, string property, out JsonProperty found)
    {
        found = default;
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var matched = false;
        foreach (var candidate in element.EnumerateObject())
        {
            if (string.Equals(candidate.Name, property, StringComparison.Ordinal))
            {
                found = candidate;
                return true;
            }

            if (!matched && string.Equals(candidate.Name, property, StringComparison.OrdinalIgnoreCase))
            {
                (found, matched) = (candidate, true);
            }
        }

        return matched;
    }
}
