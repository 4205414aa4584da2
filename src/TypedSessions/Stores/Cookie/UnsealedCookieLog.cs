using Microsoft.Extensions.Logging;
using TypedSessions.Engine;

namespace TypedSessions.Stores.Cookie;

/// <summary>
/// Logs session cookies the cookie store cannot open. Anyone can send one without signing in, so at most one per
/// <see cref="WarningInterval"/> is a Warning, and never with a stack trace (it says nothing about a forged cookie); the
/// rest are Debug. A flood of junk cookies then costs the log one line a minute.
/// </summary>
internal sealed class UnsealedCookieLog(TimeProvider time, ILoggerFactory loggerFactory)
{
    /// <summary>At most one Warning per this long, per process.</summary>
    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly ILogger _logger = loggerFactory.CreateLogger("TypedSessions.Security");
    private readonly long _intervalTicks = (long)(WarningInterval.TotalSeconds * time.TimestampFrequency);
    private long _nextWarningAt = long.MinValue;
    private long _suppressed;

    public void Report(string problem)
    {
        var now = time.GetTimestamp();
        var next = Interlocked.Read(ref _nextWarningAt);

        // Of concurrent requests past the deadline, the one that moves it logs the Warning.
        if (now >= next && Interlocked.CompareExchange(ref _nextWarningAt, now + _intervalTicks, next) == next)
        {
            Log.UnsealedSessionCookie(_logger, problem, WarningInterval.TotalSeconds, Interlocked.Exchange(ref _suppressed, 0));
            return;
        }

        Interlocked.Increment(ref _suppressed);
        Log.UnsealedSessionCookieRepeated(_logger, problem);
    }
}
