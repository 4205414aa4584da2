using System.Globalization;
using TypedSessions.Stores.Tests.EndToEnd;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>One response a load client got: when its request went out (on the load's clock), and what came back.</summary>
internal sealed record LoadResponse(int Client, TimeSpan SentAt, string? SentCookie, RawHttpResponse Response)
{
    public int StatusCode => Response.StatusCode;

    public TimeSpan Elapsed => Response.Elapsed;

    public bool IsMayHaveBeenWritten => OutageResponses.IsMayHaveBeenWritten(Response);

    /// <summary>The session cookie (<c>sessionid=…</c>) a successful save sent, or null.</summary>
    public string? SetCookie => Response.GetValues("Set-Cookie")
        .Select(value => value.Split(';')[0])
        .SingleOrDefault(value => value.StartsWith(TypedSessionsOptions.DefaultCookieName + "=", StringComparison.Ordinal));

    /// <summary>The counter a 200 from <c>POST /count</c> returned.</summary>
    public int Count => int.Parse(Response.BodyText, CultureInfo.InvariantCulture);

    public override string ToString() =>
        $"client {Client} at {SentAt.TotalSeconds:0.000} s, {Elapsed.TotalMilliseconds:0} ms: {StatusCode} '{Response.BodyText}'";
}
