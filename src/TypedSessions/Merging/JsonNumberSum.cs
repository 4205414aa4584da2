using System.Text.Json;
using System.Text.Json.Nodes;

namespace TypedSessions.Merging;

/// <summary>
/// The <see cref="SessionConflict.Sum"/> resolution: theirs + (ours - base), a missing or null base counting as 0.
/// Integers stay integers; otherwise decimal, then double arithmetic.
/// </summary>
internal static class JsonNumberSum
{
    /// <summary>The sum, or false when ours or theirs is no number, the base is neither number nor null, or it overflows.</summary>
    public static bool TryAdd(JsonElement baseValue, JsonElement ours, JsonElement theirs, out JsonNode? sum)
    {
        sum = null;
        var zeroBase = baseValue.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;
        if (ours.ValueKind != JsonValueKind.Number || theirs.ValueKind != JsonValueKind.Number
            || (!zeroBase && baseValue.ValueKind != JsonValueKind.Number))
        {
            return false;
        }

        if (ours.TryGetInt64(out var ourLong) && theirs.TryGetInt64(out var theirLong))
        {
            var baseLong = 0L;
            if (zeroBase || baseValue.TryGetInt64(out baseLong))
            {
                try
                {
                    sum = JsonValue.Create(checked(theirLong + (ourLong - baseLong)));
                    return true;
                }
                catch (OverflowException)
                {
                    // Falls through to decimal, which holds any sum of three longs.
                }
            }
        }

        if (ours.TryGetDecimal(out var ourDecimal) && theirs.TryGetDecimal(out var theirDecimal))
        {
            var baseDecimal = 0m;
            if (zeroBase || baseValue.TryGetDecimal(out baseDecimal))
            {
                try
                {
                    sum = JsonValue.Create(theirDecimal + (ourDecimal - baseDecimal));
                    return true;
                }
                catch (OverflowException)
                {
                    // Falls through to double.
                }
            }
        }

        var baseDouble = 0d;
        if (!ours.TryGetDouble(out var ourDouble) || !theirs.TryGetDouble(out var theirDouble)
            || (!zeroBase && !baseValue.TryGetDouble(out baseDouble)))
        {
            return false;
        }

        var total = theirDouble + (ourDouble - baseDouble);
        if (!double.IsFinite(total))
        {
            return false;
        }

        sum = JsonValue.Create(total);
        return true;
    }
}
