namespace TypedSessions.Generators.Diagnostics;

/// <summary>
/// Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/>: what an analyzer tells its code fix, so that the
/// fixer does not repeat the analysis.
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>TS0101: the variable that holds the unsaved session; absent when it is not a <c>Session</c> the fix can save.</summary>
    public const string SessionVariable = "SessionVariable";

    /// <summary>TS0101: a <c>CancellationToken</c> parameter in scope to pass to <c>SaveAsync</c>, if there is exactly one.</summary>
    public const string CancellationToken = "CancellationToken";

    /// <summary>TS0104: present when the enclosing function is already async, so that the call can simply be awaited.</summary>
    public const string CanAwait = "CanAwait";

    /// <summary>TS0203: the <c>key: type</c> line that records the key in <c>SessionSchema.txt</c>.</summary>
    public const string SchemaLine = "SchemaLine";

    /// <summary>TS0201: the property the key most likely became, whose identifier is the diagnostic's additional location.</summary>
    public const string FormerKeyOf = "FormerKeyOf";

    /// <summary>TS0201: the recorded key, for <c>[FormerSessionKey]</c>.</summary>
    public const string FormerKey = "FormerKey";
}
