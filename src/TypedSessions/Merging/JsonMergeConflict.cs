namespace TypedSessions.Merging;

/// <summary>One value both sides changed since the base, and what the merge did with it.</summary>
/// <param name="Path">
/// Where it is, for example <c>$.Lines[ProductId=3].Quantity</c>: array elements are named by their identity property
/// where they have one, by their index otherwise.
/// </param>
/// <param name="PathPattern">
/// The same place with every array element written <c>[*]</c> (<c>$.Lines[*].Quantity</c>): where it is without the
/// session's data, for logs.
/// </param>
/// <param name="Base">The value as loaded, as JSON text; null when it was absent.</param>
/// <param name="Ours">The value this save writes; null when this save removed it.</param>
/// <param name="Theirs">The value now stored; null when a concurrent save removed it.</param>
/// <param name="Resolution">What the merge kept.</param>
internal sealed record JsonMergeConflict(string Path, string PathPattern, string? Base, string? Ours, string? Theirs, JsonConflictResolution Resolution);
