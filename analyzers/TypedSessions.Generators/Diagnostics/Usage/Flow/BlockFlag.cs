namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>
/// Set by an operation action when it sees something worth a closer look, read by the block end action of the same
/// operation block, so that only such blocks pay for a control flow graph.
/// </summary>
internal sealed class BlockFlag
{
    private volatile bool _isSet;

    public bool IsSet => _isSet;

    public void Set() => _isSet = true;
}
