namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>What a method does to a session passed as one of its parameters, seen from the call site.</summary>
internal enum HelperEffect
{
    /// <summary>The method's body is out of sight, or it stores or passes the session on: the session escapes.</summary>
    Unknown,

    /// <summary>It only reads the session, or saves what it changes.</summary>
    Neutral,

    /// <summary>It changes the session and leaves a path that does not save.</summary>
    Changes,

    /// <summary>It saves the session on every path.</summary>
    Saves,
}
