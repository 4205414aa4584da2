namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// One quantity under each conflict policy, as a shop's line quantity would be declared: the merge settles two saves
/// that both changed it as the property says.
/// </summary>
[SessionState("counters")]
public sealed partial class Counters
{
    public partial int LastWriterWins { get; set; }

    [SessionKey(OnConflict = SessionConflict.Reject)]
    public partial int Reject { get; set; }

    [SessionKey(OnConflict = SessionConflict.Sum)]
    public partial int Sum { get; set; }

    /// <summary>Lines told apart by <see cref="CountedLine.Id"/>, whose counts add up when two saves raise one.</summary>
    [SessionKey(Identity = nameof(CountedLine.Id), OnConflict = SessionConflict.Sum)]
    public partial List<CountedLine> Lines { get; set; }
}
