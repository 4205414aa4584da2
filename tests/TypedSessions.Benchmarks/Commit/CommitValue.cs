namespace TypedSessions.Benchmarks.Commit;

/// <summary>
/// What each key of the benchmarked sessions holds: a small object, so a value handed out is tracked and compared at
/// commit as a real app's values are.
/// </summary>
public sealed record CommitValue(int Version, string Label);
