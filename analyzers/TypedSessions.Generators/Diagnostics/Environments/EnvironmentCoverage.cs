using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace TypedSessions.Generators.Diagnostics.Environments;

/// <summary>Whether calls made under several guards, together, reach every environment.</summary>
internal static class EnvironmentCoverage
{
    /// <summary>Past this many distinct tests the answer is yes: the analysis reports only what it can show.</summary>
    private const int MaxKeys = 12;

    /// <summary>
    /// Whether every environment satisfies one of <paramref name="alternatives"/>: each assignment of the tested keys
    /// is tried, where at most one environment name is the current one, and none of them may be the current one (an
    /// environment nobody tested, such as a custom "QA").
    /// </summary>
    public static bool ReachesEveryEnvironment(IReadOnlyCollection<ImmutableArray<EnvironmentTest>> alternatives)
    {
        if (alternatives.Any(static alternative => alternative.IsEmpty))
        {
            return true;
        }

        var keys = alternatives.SelectMany(static alternative => alternative).Select(static test => (test.Key, test.NamesAnEnvironment)).Distinct().ToList();
        if (keys.Count > MaxKeys)
        {
            return true;
        }

        for (var assignment = 0; assignment < 1 << keys.Count; assignment++)
        {
            var currentNames = keys.Where((key, index) => key.NamesAnEnvironment && IsSet(assignment, index)).Count();
            if (currentNames <= 1
                && !alternatives.Any(alternative => alternative.All(test => IsSet(assignment, keys.FindIndex(key => key.Key == test.Key)) == test.Value)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSet(int assignment, int index) => (assignment & (1 << index)) != 0;
}
