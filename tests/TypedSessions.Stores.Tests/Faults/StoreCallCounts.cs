namespace TypedSessions.Stores.Tests.Faults;

/// <summary>
/// What the engine did with its store calls up to some moment, or between two (<c>later - earlier</c>): calls it made
/// (each timed, whatever became of it), calls it refused without touching the store because the store was known to be
/// down, and calls that waited out the store timeout.
/// </summary>
internal readonly record struct StoreCallCounts(long Made, long Refused, long TimedOut)
{
    public static StoreCallCounts operator -(StoreCallCounts later, StoreCallCounts earlier) =>
        new(later.Made - earlier.Made, later.Refused - earlier.Refused, later.TimedOut - earlier.TimedOut);

    public override string ToString() => $"{Made} made, {Refused} refused (circuit open), {TimedOut} timed out";
}
