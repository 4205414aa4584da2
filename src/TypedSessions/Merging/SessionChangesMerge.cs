using TypedSessions.Serialization;
using TypedSessions.Stores;

namespace TypedSessions.Merging;

/// <summary>
/// Rebases a save whose conditional write found keys changed meanwhile onto what the store holds now: each key this
/// save changes is merged three ways (as loaded, ours, theirs), and the retry expects theirs.
/// </summary>
internal static class SessionChangesMerge
{
    /// <summary>
    /// The changes to write instead of <paramref name="ours"/> over <paramref name="theirs"/>, or the keys whose conflict
    /// the rules reject.
    /// </summary>
    public static (SessionChanges? Rebased, IReadOnlyList<string> RejectedKeys) Rebase(
        SessionChanges ours, IReadOnlyDictionary<string, string> theirs, JsonMergeRules rules)
    {
        var expectedBefore = ours.ExpectedValues
            ?? throw new InvalidOperationException("Only a save that states the values it loaded can be merged.");
        var values = new Dictionary<string, string>(ours.Values, StringComparer.Ordinal);
        var changed = new Dictionary<string, string>(StringComparer.Ordinal);
        var removed = new List<string>();
        var expected = new Dictionary<string, string?>(StringComparer.Ordinal);
        var rejected = new List<string>();
        foreach (var (key, loaded) in expectedBefore)
        {
            var oursJson = ours.Changed.GetValueOrDefault(key);
            var theirsJson = theirs.GetValueOrDefault(key);
            expected[key] = theirsJson;
            var mergedJson = oursJson;
            if (!JsonText.AreEquivalent(theirsJson, loaded))
            {
                var merge = JsonThreeWayMerge.Merge(loaded, oursJson, theirsJson, rules);
                if (merge.IsRejected)
                {
                    rejected.Add(key);
                    continue;
                }

                mergedJson = merge.Json;
            }

            if (mergedJson is null)
            {
                removed.Add(key);
                values.Remove(key);
            }
            else
            {
                changed[key] = mergedJson;
                values[key] = mergedJson;
            }
        }

        if (rejected.Count > 0)
        {
            return (null, rejected);
        }

        return (new SessionChanges
        {
            Values = values,
            Changed = changed,
            Removed = removed,
            ExpiresAt = ours.ExpiresAt,
            SavedAt = ours.SavedAt,
            ExpectedValues = expected,
            HasChanges = true,
        }, []);
    }
}
