using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>
/// Every operation of a member's blocks, nested functions included, for an analyzer that looks at a body once in a
/// block action instead of registering operation actions per block: one walk, and no per-block registrations.
/// </summary>
internal static class BlockOperations
{
    public static IEnumerable<IOperation> Of(OperationBlockAnalysisContext context)
    {
        foreach (var block in FlowBlocks.Of(context))
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                yield return operation;
            }
        }
    }
}
