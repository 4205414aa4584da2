using System;

namespace TypedSessions.Generators.Helpers;

/// <summary>How far apart two names are, to pick the property a renamed key most likely became.</summary>
internal static class EditDistance
{
    /// <summary>The Levenshtein distance (insertions, deletions, substitutions), ignoring case.</summary>
    public static int Between(string first, string second)
    {
        var previous = new int[second.Length + 1];
        var current = new int[second.Length + 1];
        for (var j = 0; j <= second.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= first.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= second.Length; j++)
            {
                var substitution = char.ToUpperInvariant(first[i - 1]) == char.ToUpperInvariant(second[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[second.Length];
    }
}
