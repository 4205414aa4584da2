namespace TypedSessions;

/// <summary>
/// The names under which TypedSessions reports: a <see cref="System.Diagnostics.Metrics.Meter"/> and an
/// <see cref="System.Diagnostics.ActivitySource"/>, both called <c>TypedSessions</c>. Pass them to OpenTelemetry's
/// <c>AddMeter</c> and <c>AddSource</c>, or watch the meter with <c>dotnet-counters monitor --counters TypedSessions</c>.
/// </summary>
public static class TypedSessionsTelemetry
{
    /// <summary>The meter's name: <c>TypedSessions</c>.</summary>
    public const string MeterName = "TypedSessions";

    /// <summary>The activity source's name: <c>TypedSessions</c>.</summary>
    public const string ActivitySourceName = "TypedSessions";
}
