using System.Diagnostics;

namespace TypedSessions.Diagnostics;

/// <summary>The one <see cref="ActivitySource"/> of the library; static, as activity sources are meant to be.</summary>
internal static class SessionActivitySource
{
    public static readonly ActivitySource Instance = new(
        TypedSessionsTelemetry.ActivitySourceName, typeof(SessionActivitySource).Assembly.GetName().Version?.ToString(3));
}
