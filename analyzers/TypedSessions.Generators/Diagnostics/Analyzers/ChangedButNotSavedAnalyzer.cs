using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSessions.Generators.Diagnostics.Usage;
using TypedSessions.Generators.Diagnostics.Usage.Flow;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// TS0101: a session opened through <c>ISessionManager</c> (outside a request, where no middleware saves it) is changed,
/// and some path after the change leaves the method without <c>await session.SaveAsync()</c>. Reported once per
/// session, on its last unsaved change.
/// </summary>
/// <remarks>
/// Per method, an operation action notices the <c>OpenAsync</c>/<c>CreateAsync</c> calls; only a method that has one
/// pays for its control flow graph at the end of the block, and not even then when its shape alone shows every session
/// saved at the end of its block or in the finally of the try that uses it (<see cref="SavedAtTheEnd"/>). A save in a
/// <c>finally</c>, or in a helper that saves on every path, covers the paths through it; a session that is returned,
/// stored, captured or handed to code out of sight is left alone. Test methods are left alone too: a test inspects an
/// unsaved session in memory on purpose, and a save it forgets shows up as a failing assertion.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class ChangedButNotSavedAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.ChangedButNotSaved];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (SessionSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            var helpers = new HelperSummaries(symbols);
            start.RegisterOperationBlockStartAction(block =>
            {
                var opens = new BlockFlag();
                block.RegisterOperationAction(
                    operation =>
                    {
                        if (SessionCalls.IsManagerOpenCall((IInvocationOperation)operation.Operation, symbols))
                        {
                            opens.Set();
                        }
                    },
                    OperationKind.Invocation);
                block.RegisterOperationBlockEndAction(end =>
                {
                    if (opens.IsSet)
                    {
                        Analyze(end, symbols, helpers);
                    }
                });
            });
        });
    }

    private static void Analyze(OperationBlockAnalysisContext context, SessionSymbols symbols, HelperSummaries helpers)
    {
        if (IsTestMethod(context.OwningSymbol))
        {
            return;
        }

        foreach (var block in FlowBlocks.Of(context))
        {
            if (SavedAtTheEnd.Covers(block, symbols, helpers, context.CancellationToken))
            {
                continue;
            }

            var function = FunctionGraph.Create(context.OwningSymbol as IMethodSymbol, context.GetControlFlowGraph(block), context.CancellationToken);
            foreach (var body in function.SelfAndNested())
            {
                var roots = SessionRoots.ForOpenedSessions(body, symbols, helpers, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), context.CancellationToken);
                foreach (var root in roots.Roots)
                {
                    if (!root.Escapes && roots.UnsavedChanges(root) is { Count: > 0 } unsaved)
                    {
                        context.ReportDiagnostic(CreateDiagnostic(body, root, unsaved[unsaved.Count - 1], symbols));
                    }
                }
            }
        }
    }

    // xUnit, NUnit and MSTest mark their tests with these attributes, or with attributes derived from them
    // ([SkippableFact], AutoFixture's [AutoData]).
    private static bool IsTestMethod(ISymbol member)
    {
        if (member is not IMethodSymbol method)
        {
            return false;
        }

        foreach (var attribute in method.GetAttributes())
        {
            for (var type = attribute.AttributeClass; type is not null; type = type.BaseType)
            {
                if (type.Name is "FactAttribute" or "TheoryAttribute" or "TestAttribute" or "TestCaseAttribute" or "TestCaseSourceAttribute"
                    or "TestMethodAttribute" or "DataTestMethodAttribute")
                {
                    return true;
                }
            }
        }

        return false;
    }
}
