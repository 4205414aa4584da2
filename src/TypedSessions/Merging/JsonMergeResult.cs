namespace TypedSessions.Merging;

/// <summary>The outcome of <see cref="JsonThreeWayMerge.Merge"/> for one session key.</summary>
internal sealed class JsonMergeResult
{
    private readonly string? _json;

    private JsonMergeResult(string? json, bool isRejected, IReadOnlyList<JsonMergeConflict> conflicts)
    {
        _json = json;
        IsRejected = isRejected;
        Conflicts = conflicts;
    }

    /// <summary>
    /// True when a conflict fell under <see cref="SessionConflict.Reject"/>: nothing may be written for this key and
    /// the save fails (HTTP 409).
    /// </summary>
    public bool IsRejected { get; }

    /// <summary>The merged JSON to write; null when the merged key is removed.</summary>
    /// <exception cref="InvalidOperationException">The merge was rejected, so there is nothing to write.</exception>
    // Throws rather than answering null, which would read as "remove the key".
    public string? Json => IsRejected
        ? throw new InvalidOperationException("The merge was rejected: a conflicting value is declared SessionConflict.Reject, so nothing may be written.")
        : _json;

    /// <summary>Every value both sides changed, in document order, with how each was settled.</summary>
    public IReadOnlyList<JsonMergeConflict> Conflicts { get; }

    /// <summary>A merge that produced <paramref name="json"/>.</summary>
    public static JsonMergeResult Merged(string? json, IReadOnlyList<JsonMergeConflict> conflicts) => new(json, false, conflicts);

    /// <summary>A merge that a conflict under <see cref="SessionConflict.Reject"/> refused.</summary>
    public static JsonMergeResult Rejected(IReadOnlyList<JsonMergeConflict> conflicts) => new(null, true, conflicts);
}
