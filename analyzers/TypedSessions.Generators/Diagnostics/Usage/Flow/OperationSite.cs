using Microsoft.CodeAnalysis;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>
/// Where an operation runs in a control flow graph: its block, and the index of the block's statement that contains it
/// (the branch value counts as the last one). Inside one statement, operations run in evaluation order.
/// </summary>
internal readonly struct OperationSite(int block, int index, IOperation operation)
{
    public int Block { get; } = block;

    public int Index { get; } = index;

    public IOperation Operation { get; } = operation;

    /// <summary>Orders two sites of one block by when they run, for sorting.</summary>
    public static int ByEvaluation(OperationSite a, OperationSite b) => a.IsBefore(b) ? -1 : b.IsBefore(a) ? 1 : 0;

    /// <summary>Whether this site runs before <paramref name="other"/> in the same block.</summary>
    /// <remarks>
    /// Within one statement an operation's children (its instance, its arguments, an assigned value) are evaluated
    /// before it: the increment in <c>WriteAsync($"Visit {++visit.Count}")</c> runs before the write, and the write in
    /// <c>cart.Count = await WriteLinesAsync(body)</c> before the assignment. Operations apart from each other run in
    /// source order.
    /// </remarks>
    public bool IsBefore(OperationSite other)
    {
        if (Index != other.Index)
        {
            return Index < other.Index;
        }

        if (EnclosingFunctions.IsWithin(Operation, other.Operation))
        {
            return !ReferenceEquals(Operation, other.Operation);
        }

        return !EnclosingFunctions.IsWithin(other.Operation, Operation) && Operation.Syntax.SpanStart < other.Operation.Syntax.SpanStart;
    }
}
