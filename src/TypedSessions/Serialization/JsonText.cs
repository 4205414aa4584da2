using System.Text.Json;

namespace TypedSessions.Serialization;

/// <summary>Compares JSON texts by meaning, since some stores (PostgreSQL jsonb) hand back normalized text.</summary>
internal static class JsonText
{
    public static bool AreEquivalent(string? left, string? right)
    {
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return true;
        }

        if (left is null || right is null)
        {
            return false;
        }

        try
        {
            using var leftDocument = JsonDocument.Parse(left);
            using var rightDocument = JsonDocument.Parse(right);
            return JsonElement.DeepEquals(leftDocument.RootElement, rightDocument.RootElement);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Unreadable stored text equals nothing we would write: not JSON, or a string whose escapes are no text
            // ("\ud800"), which parses but cannot be compared.
            return false;
        }
    }
}
