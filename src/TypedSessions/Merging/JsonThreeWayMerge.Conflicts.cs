using System.Text.Json;
using static TypedSessions.Merging.JsonElementEquality;

namespace TypedSessions.Merging;

internal sealed partial class JsonThreeWayMerge
{
    /// <summary>
    /// Settles a value both sides changed and that does not merge further, by the policy at its path:
    /// <see cref="SessionConflict.LastWriterWins"/> keeps ours (a removal included: removed on our side and changed
    /// on theirs is removed); <see cref="SessionConflict.Reject"/> rejects the whole merge;
    /// <see cref="SessionConflict.Sum"/> adds ours' change to theirs for numbers and is last writer wins otherwise.
    /// </summary>
    private MergedValue Settle(JsonMergePath path, JsonElement baseValue, JsonElement ours, JsonElement theirs)
    {
        // Two sides that both added one element agree on its identity; adding it up would make another element.
        if (path.IsElementIdentity && Same(ours, theirs))
        {
            return MergedValue.Of(theirs);
        }

        var policy = _rules.PolicyAt(path.Pattern);
        if (policy == SessionConflict.Sum && JsonNumberSum.TryAdd(baseValue, ours, theirs, out var sum))
        {
            Report(path, baseValue, ours, theirs, JsonConflictResolution.Summed);
            return new(true, sum);
        }

        if (IsAbsent(baseValue) && Same(ours, theirs))
        {
            return MergedValue.Of(theirs);
        }

        if (policy == SessionConflict.Reject)
        {
            _rejected = true;
            Report(path, baseValue, ours, theirs, JsonConflictResolution.Rejected);
        }
        else
        {
            Report(path, baseValue, ours, theirs, JsonConflictResolution.OursKept);
        }

        // Under Reject the merge goes on with ours, only to report every conflict.
        return MergedValue.Of(ours);
    }

    private void Report(JsonMergePath path, JsonElement baseValue, JsonElement ours, JsonElement theirs, JsonConflictResolution resolution) =>
        _conflicts.Add(new JsonMergeConflict(path.ToString(), path.Pattern, Text(baseValue), Text(ours), Text(theirs), resolution));

    private static string? Text(JsonElement value) => IsAbsent(value) ? null : value.GetRawText();
}
