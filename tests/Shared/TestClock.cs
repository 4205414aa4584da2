using Microsoft.Extensions.Time.Testing;

namespace TypedSessions.Testing;

/// <summary>
/// Fake clocks for tests whose store expires records by the server's own clock (Redis's <c>PEXPIREAT</c>). A clock
/// pinned to a fixed date would make those tests fail once that date has passed, because the server evicts at once
/// what is already past in real time. These start a day ahead of the real time instead: a record the fake clock
/// expires in a second still outlives the test on the server, and the fake clock moves only when a test advances it.
/// </summary>
internal static class TestClock
{
    /// <summary>How far ahead of the real time the clocks start: far more than any test takes.</summary>
    public static readonly TimeSpan AheadOfRealTime = TimeSpan.FromDays(1);

    /// <summary>A start time one day ahead of now, truncated to the second so millisecond arithmetic in the tests stays exact.</summary>
    public static DateTimeOffset NewStart()
    {
        var start = DateTimeOffset.UtcNow + AheadOfRealTime;
        return new DateTimeOffset(start.Ticks - (start.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>A fake clock set to <see cref="NewStart"/>.</summary>
    public static FakeTimeProvider New() => new(NewStart());
}
