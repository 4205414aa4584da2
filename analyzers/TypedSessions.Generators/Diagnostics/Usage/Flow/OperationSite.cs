using Microsoft.CodeAnalysis;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>
/// Where an operation runs in a control flow graph: its block, the index of the block's statement that contains it (the
/// branch value counts as the last one), and its source position, which orders operations of one statement.
/// </summary>
internal readonly struct OperationSite(int block, int index, IOperation operation)
{
    public int Block { get; } = block;

    public int Index { get; } = index;

    public IOperation Operation { get; } = operation;

    /// <summary>Whether this site runs before <paramref name="other"/> in the same block.</summary>
    public bool IsBefore(OperationSite other)
        => Index < other.Index || (Index == other.Index && Operation.Syntax.SpanStart < other.Operation.Syntax.SpanStart);
}
