using System.Text.Json;

namespace TypedSessions.Merging;

/// <summary>
/// JSON equality as <see cref="JsonElement.DeepEquals"/> defines it (property order ignored, numbers by value), with
/// a hash code that agrees with it, so elements can key a dictionary. An undefined element stands for an absent value.
/// </summary>
internal static class JsonElementEquality
{
    /// <summary>True when both are absent, or both present and deeply equal.</summary>
    public static bool Same(JsonElement left, JsonElement right) =>
        IsAbsent(left) || IsAbsent(right) ? IsAbsent(left) && IsAbsent(right) : JsonElement.DeepEquals(left, right);

    /// <summary>True for the undefined element that stands for an absent value.</summary>
    public static bool IsAbsent(JsonElement element) => element.ValueKind == JsonValueKind.Undefined;

    /// <summary>A hash code equal for elements that <see cref="Same"/> calls equal.</summary>
    public static int Hash(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // Order-insensitive, as the equality is.
                var properties = 0;
                foreach (var property in element.EnumerateObject())
                {
                    properties += HashCode.Combine(property.Name, Hash(property.Value));
                }

                return HashCode.Combine(JsonValueKind.Object, properties);
            case JsonValueKind.Array:
                var items = new HashCode();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(Hash(item));
                }

                return HashCode.Combine(JsonValueKind.Array, items.ToHashCode());
            case JsonValueKind.String:
                return HashCode.Combine(JsonValueKind.String, element.GetString());
            case JsonValueKind.Number:
                // 1, 1.0 and 10e-1 are equal and parse to the same double; 0 and -0 hash alike.
                return element.TryGetDouble(out var number) && number != 0 ? number.GetHashCode() : 0;
            default:
                return (int)element.ValueKind;
        }
    }
}
