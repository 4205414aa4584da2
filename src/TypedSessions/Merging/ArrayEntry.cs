using System.Text.Json;

namespace TypedSessions.Merging;

/// <summary>One element of one version of an array, with the key that matches it across versions.</summary>
/// <param name="Key">The element's identity across base, ours and theirs.</param>
/// <param name="Value">The element.</param>
/// <param name="Index">Its index in this version of the array.</param>
/// <param name="IdentityName">The identity property as spelled in the element; null for identity by JSON equality.</param>
internal readonly record struct ArrayEntry(ArrayElementKey Key, JsonElement Value, int Index, string? IdentityName)
{
    /// <summary>The element's path below the array's.</summary>
    public JsonMergePath PathBelow(JsonMergePath array) =>
        IdentityName is null ? array.Element(Index) : array.Element(IdentityName, Key.Identity.GetRawText());
}
