using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>
/// The control flow graph of one function body (a method, a lambda or a local function) with every operation it runs
/// in place, and the locals that its nested lambdas and local functions capture.
/// </summary>
internal sealed class FunctionGraph
{
    private ValueOrigins? _origins;

    private FunctionGraph(IMethodSymbol? symbol, ControlFlowGraph graph, ImmutableArray<OperationSite> sites, ImmutableArray<FunctionGraph> nested)
    {
        Symbol = symbol;
        Graph = graph;
        Sites = sites;
        Nested = nested;
    }

    /// <summary>The method, lambda or local function, when known.</summary>
    public IMethodSymbol? Symbol { get; }

    public ControlFlowGraph Graph { get; }

    /// <summary>Every operation of the body, nested operations included, in block order; nested functions excluded.</summary>
    public ImmutableArray<OperationSite> Sites { get; }

    /// <summary>The lambdas and local functions declared directly in this body.</summary>
    public ImmutableArray<FunctionGraph> Nested { get; }

    /// <summary>Where this body's locals and flow captures get their values, computed on first use.</summary>
    public ValueOrigins Origins => _origins ??= ValueOrigins.Of(OperationsOf(Sites));

    /// <summary>The graph of <paramref name="graph"/>'s function and, recursively, of the functions nested in it.</summary>
    public static FunctionGraph Create(IMethodSymbol? symbol, ControlFlowGraph graph, CancellationToken cancellationToken)
    {
        var sites = ImmutableArray.CreateBuilder<OperationSite>();
        var nested = ImmutableArray.CreateBuilder<FunctionGraph>();
        foreach (var block in graph.Blocks)
        {
            var index = 0;
            foreach (var statement in Statements(block))
            {
                foreach (var operation in statement.DescendantsAndSelf())
                {
                    sites.Add(new OperationSite(block.Ordinal, index, operation));
                    if (operation is IFlowAnonymousFunctionOperation lambda)
                    {
                        nested.Add(Create(lambda.Symbol, graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken), cancellationToken));
                    }
                }

                index++;
            }
        }

        foreach (var localFunction in graph.LocalFunctions)
        {
            nested.Add(Create(localFunction, graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken), cancellationToken));
        }

        return new FunctionGraph(symbol, graph, sites.ToImmutable(), nested.ToImmutable());
    }

    /// <summary>This function and every function nested in it, outermost first.</summary>
    public IEnumerable<FunctionGraph> SelfAndNested()
    {
        yield return this;
        foreach (var nested in Nested)
        {
            foreach (var function in nested.SelfAndNested())
            {
                yield return function;
            }
        }
    }

    /// <summary>The locals and parameters of enclosing functions that the nested functions read or write.</summary>
    public HashSet<ISymbol> CapturedByNested()
    {
        var captured = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var nested in Nested)
        {
            foreach (var function in nested.SelfAndNested())
            {
                foreach (var site in function.Sites)
                {
                    switch (site.Operation)
                    {
                        case ILocalReferenceOperation local:
                            captured.Add(local.Local);
                            break;
                        case IParameterReferenceOperation parameter:
                            captured.Add(parameter.Parameter);
                            break;
                    }
                }
            }
        }

        return captured;
    }

    /// <summary>The locals whose scope is this function's body (not an enclosing function's).</summary>
    public HashSet<ILocalSymbol> DeclaredLocals()
    {
        var locals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        var regions = new Stack<ControlFlowRegion>();
        regions.Push(Graph.Root);
        while (regions.Count > 0)
        {
            var region = regions.Pop();
            foreach (var local in region.Locals)
            {
                locals.Add(local);
            }

            foreach (var nested in region.NestedRegions)
            {
                regions.Push(nested);
            }
        }

        return locals;
    }

    private static IEnumerable<IOperation> OperationsOf(ImmutableArray<OperationSite> sites)
    {
        foreach (var site in sites)
        {
            yield return site.Operation;
        }
    }

    private static IEnumerable<IOperation> Statements(BasicBlock block)
    {
        foreach (var operation in block.Operations)
        {
            yield return operation;
        }

        if (block.BranchValue is { } branchValue)
        {
            yield return branchValue;
        }
    }
}
