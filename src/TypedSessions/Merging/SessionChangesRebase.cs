using TypedSessions.Stores;

namespace TypedSessions.Merging;

/// <summary>The outcome of <see cref="SessionChangesMerge.Rebase"/>.</summary>
/// <param name="Changes">What to write now, expecting what the store holds; null when a conflict was rejected.</param>
/// <param name="Conflicts">Every value both saves changed, with how it was settled.</param>
/// <param name="RejectedKeys">The keys whose conflicts fall under <see cref="SessionConflict.Reject"/>.</param>
internal sealed record SessionChangesRebase(SessionChanges? Changes, IReadOnlyList<SessionKeyConflict> Conflicts, IReadOnlyList<string> RejectedKeys);
