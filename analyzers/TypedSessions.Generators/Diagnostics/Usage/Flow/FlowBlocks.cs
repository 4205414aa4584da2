using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>The operation blocks of a member that have a control flow graph: its body and its initializers, once each.</summary>
internal static class FlowBlocks
{
    public static IEnumerable<IOperation> Of(OperationBlockAnalysisContext context)
    {
        var seen = new HashSet<IOperation>();
        foreach (var block in context.OperationBlocks)
        {
            // A method's block comes wrapped in its IMethodBodyOperation; the graph is built for the root.
            var root = EnclosingFunctions.Root(block);
            if (root is IMethodBodyOperation or IConstructorBodyOperation or IFieldInitializerOperation or IPropertyInitializerOperation or IBlockOperation
                && seen.Add(root))
            {
                yield return block;
            }
        }
    }
}
