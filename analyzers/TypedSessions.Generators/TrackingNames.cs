namespace TypedSessions.Generators;

/// <summary>
/// Names of the incremental pipeline steps, so that tests can assert each one is cached on an unrelated edit.
/// </summary>
internal static class TrackingNames
{
    /// <summary>The parse of every <c>[SessionState]</c> declaration, null when nothing is emitted for it.</summary>
    public const string ParsedDeclarations = nameof(ParsedDeclarations);

    /// <summary>The declarations the generator writes a file for.</summary>
    public const string SessionStateClasses = nameof(SessionStateClasses);
}
