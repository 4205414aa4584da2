using TypedSessions.Serialization;
using TypedSessions.Stores;

namespace TypedSessions.Merging;

/// <summary>
/// Rebases a save whose conditional write found keys changed meanwhile onto what the store holds now: each key this
/// save expected is merged three ways (as loaded, ours, theirs), and the retry expects theirs. Keys written without an
/// expectation (their merge always ends in ours) are written as they are.
/// </summary>
internal static class SessionChangesMerge
{
    /// <summary>
    /// The changes to write instead of <paramref name="ours"/> over <paramref name="theirs"/>, every conflict the merge
    /// settled, and the keys whose conflict the rules reject.
    /// </summary>
    public static SessionChangesRebase Rebase(
        SessionChanges ours, IReadOnlyDictionary<string, string> theirs, Func<string, JsonMergeRules> rulesFor)
    {
        var expectedBefore = ours.ExpectedValues
            ?? throw new InvalidOperationException("Only a save that states the values it loaded can be merged.");
        var values = new Dictionary<string, string>(ours.Values, StringComparer.Ordinal);
        var changed = new Dictionary<string, string>(ours.Changed, StringComparer.Ordinal);
        var removed = new HashSet<string>(ours.Removed, StringComparer.Ordinal);
        var expected = new Dictionary<string, string?>(StringComparer.Ordinal);
        var conflicts = new List<SessionKeyConflict>();
        var rejected = new List<string>();
        foreach (var (key, loaded) in expectedBefore)
        {
            var oursJson = ours.Changed.GetValueOrDefault(key);
            var theirsJson = theirs.GetValueOrDefault(key);
            expected[key] = theirsJson;
            if (JsonText.AreEquivalent(theirsJson, loaded))
            {
                continue;
            }

            var merge = MergeOrSettleWhole(loaded, oursJson, theirsJson, rulesFor(key));
            conflicts.AddRange(merge.Conflicts.Select(conflict => new SessionKeyConflict(key, conflict)));
            if (merge.IsRejected)
            {
                rejected.Add(key);
                continue;
            }

            if (merge.Json is { } mergedJson)
            {
                changed[key] = mergedJson;
                values[key] = mergedJson;
                removed.Remove(key);
            }
            else
            {
                changed.Remove(key);
                values.Remove(key);
                removed.Add(key);
            }
        }

        if (rejected.Count > 0)
        {
            return new SessionChangesRebase(null, conflicts, rejected);
        }

        var rebased = new SessionChanges
        {
            Values = values,
            Changed = changed,
            Removed = [.. removed],
            ExpiresAt = ours.ExpiresAt,
            SavedAt = ours.SavedAt,
            ExpectedValues = expected,
            UserIdChanged = ours.UserIdChanged,
            UserId = ours.UserId,
            HasChanges = true,
        };
        return new SessionChangesRebase(rebased, conflicts, []);
    }

    // A stored value that is no JSON, or holds a string whose escapes are no text (written by other code, or damaged),
    // cannot be merged: the whole key is one conflict, settled by the key's policy (Sum cannot add what it cannot read,
    // so it keeps ours as well).
    private static JsonMergeResult MergeOrSettleWhole(string? loaded, string? oursJson, string? theirsJson, JsonMergeRules rules)
    {
        try
        {
            return JsonThreeWayMerge.Merge(loaded, oursJson, theirsJson, rules);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException)
        {
            var rejected = rules.PolicyAt(JsonMergePath.Root.Pattern) == SessionConflict.Reject;
            var conflict = new JsonMergeConflict("$", "$", loaded, oursJson, theirsJson, rejected ? JsonConflictResolution.Rejected : JsonConflictResolution.OursKept);
            return rejected ? JsonMergeResult.Rejected([conflict]) : JsonMergeResult.Merged(oursJson, [conflict]);
        }
    }
}
