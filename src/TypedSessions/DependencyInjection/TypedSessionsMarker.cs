namespace TypedSessions;

/// <summary>Registered by <c>AddTypedSessions</c>, so that <c>UseTypedSessions</c> can tell a missing registration from a missing store.</summary>
internal sealed class TypedSessionsMarker
{
}
