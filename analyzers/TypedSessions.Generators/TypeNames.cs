namespace TypedSessions.Generators;

/// <summary>
/// Metadata names of the runtime types the generator looks for, and the <c>global::</c> names it writes.
/// The runtime library (<c>TypedSessions</c>) ships these types; the generator never defines them.
/// </summary>
internal static class TypeNames
{
    public const string SessionStateAttribute = "TypedSessions.SessionStateAttribute";
    public const string SessionKeyAttribute = "TypedSessions.SessionKeyAttribute";
    public const string FormerSessionKeyAttribute = "TypedSessions.FormerSessionKeyAttribute";
    public const string Session = "TypedSessions.Session";

    public const string GlobalSession = "global::TypedSessions.Session";
    public const string GlobalSessionState = "global::TypedSessions.ISessionState";
    public const string GlobalSessionCodecs = "global::TypedSessions.Serialization.SessionCodecs";
    public const string GlobalSessionConflict = "global::TypedSessions.SessionConflict";
    public const string GlobalSessionValueCodec = "global::TypedSessions.Serialization.SessionValueCodec";
}
