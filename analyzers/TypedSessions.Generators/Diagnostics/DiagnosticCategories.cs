namespace TypedSessions.Generators.Diagnostics;

/// <summary>The categories of TypedSessions diagnostics.</summary>
internal static class DiagnosticCategories
{
    /// <summary>A <c>[SessionState]</c> declaration the generator cannot implement (TS0001–TS0099).</summary>
    public const string Declaration = "TypedSessions.Declaration";

    /// <summary>Session state that is read or changed but can never be saved (TS0100 and up).</summary>
    public const string Usage = "TypedSessions.Usage";

    /// <summary>Stored keys against what the shipped app stores, <c>SessionSchema.txt</c> (TS0200 and up).</summary>
    public const string Schema = "TypedSessions.Schema";
}
