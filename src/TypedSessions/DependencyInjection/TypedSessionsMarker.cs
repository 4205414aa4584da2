namespace TypedSessions;

/// <summary>Registered by <c>AddTypedSessions</c>, so that <c>UseTypedSessions</c> can tell a missing registration from a missing store.</summary>
internal sealed class TypedSessionsMarker
{
    /// <summary>Whether <c>UseTypedSessions</c> added the middleware, for the startup checks.</summary>
    public bool MiddlewareAdded { get; set; }
}
