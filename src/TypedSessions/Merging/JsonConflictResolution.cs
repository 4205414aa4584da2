namespace TypedSessions.Merging;

/// <summary>How a merge settled one conflict.</summary>
internal enum JsonConflictResolution
{
    /// <summary>Ours (the later save) was kept, including a removal (<see cref="SessionConflict.LastWriterWins"/>).</summary>
    OursKept,

    /// <summary>Theirs plus ours' change against the base (<see cref="SessionConflict.Sum"/>).</summary>
    Summed,

    /// <summary>The merge as a whole is rejected (<see cref="SessionConflict.Reject"/>).</summary>
    Rejected,
}
