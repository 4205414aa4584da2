using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>
/// What a method does to the sessions passed to it (<c>await SaveAndLogAsync(session)</c>), computed once per method and
/// compilation. Only bodies in sight are read: local functions, and non-virtual methods declared in the same file as
/// the call (analyzers may not ask the compilation for another file's semantic model). Anything else is
/// <see cref="HelperEffect.Unknown"/>, and the session escapes.
/// </summary>
internal sealed class HelperSummaries(SessionSymbols symbols)
{
    private readonly ConcurrentDictionary<IMethodSymbol, HelperEffect[]> _effects = new(SymbolEqualityComparer.Default);

    public HelperEffect GetEffect(IMethodSymbol method, int ordinal, ControlFlowGraph callerGraph, HashSet<IMethodSymbol> callStack, CancellationToken cancellationToken)
        => GetEffect(method, ordinal, callerGraph, callerGraph.OriginalOperation.SemanticModel, callStack, cancellationToken);

    /// <summary>
    /// The arguments of <paramref name="call"/> (conversions taken off) that hold a session or typed view which the
    /// called helper, in sight, changes without saving.
    /// </summary>
    public IEnumerable<IOperation> ChangedArguments(IInvocationOperation call, ControlFlowGraph callerGraph, CancellationToken cancellationToken)
    {
        foreach (var argument in call.Arguments)
        {
            var value = SessionEffects.Unwrap(argument.Value);
            if (argument.Parameter is { } parameter
                && symbols.IsSessionLike(value.Type)
                && GetEffect(call.TargetMethod, parameter.Ordinal, callerGraph, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), cancellationToken) == HelperEffect.Changes)
            {
                yield return value;
            }
        }
    }

    /// <summary>The effect of a call from a body that has no control flow graph yet: local functions are out of sight.</summary>
    public HelperEffect GetEffect(IMethodSymbol method, int ordinal, SemanticModel? callerModel, CancellationToken cancellationToken)
        => GetEffect(method, ordinal, callerGraph: null, callerModel, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), cancellationToken);

    private HelperEffect GetEffect(IMethodSymbol method, int ordinal, ControlFlowGraph? callerGraph, SemanticModel? callerModel, HashSet<IMethodSymbol> callStack, CancellationToken cancellationToken)
    {
        method = method.OriginalDefinition;
        if (!_effects.TryGetValue(method, out var effects))
        {
            // A recursive helper is out of sight while it is being summarized.
            if (!callStack.Add(method))
            {
                return HelperEffect.Unknown;
            }

            effects = Summarize(method, callerGraph, callerModel, callStack, cancellationToken);
            callStack.Remove(method);
            _effects.TryAdd(method, effects);
        }

        return ordinal < effects.Length ? effects[ordinal] : HelperEffect.Unknown;
    }

    private HelperEffect[] Summarize(IMethodSymbol method, ControlFlowGraph? callerGraph, SemanticModel? callerModel, HashSet<IMethodSymbol> callStack, CancellationToken cancellationToken)
    {
        var effects = new HelperEffect[method.Parameters.Length];
        var sessionParameters = method.Parameters.Where(parameter => symbols.IsSessionLike(parameter.Type)).ToList();
        if (sessionParameters.Count == 0 || GetGraph(method, callerGraph, callerModel, cancellationToken) is not { } graph)
        {
            return effects;
        }

        var function = FunctionGraph.Create(method, graph, cancellationToken);
        var roots = SessionRoots.ForParameters(function, sessionParameters, symbols, this, callStack, cancellationToken);
        foreach (var root in roots.Roots)
        {
            effects[((IParameterSymbol)root.Symbol).Ordinal] = root.Escapes ? HelperEffect.Unknown
                : roots.IsSavedOnEveryPath(root) ? HelperEffect.Saves
                : roots.UnsavedChanges(root).Count > 0 ? HelperEffect.Changes
                : HelperEffect.Neutral;
        }

        return effects;
    }

    private static ControlFlowGraph? GetGraph(IMethodSymbol method, ControlFlowGraph? callerGraph, SemanticModel? model, CancellationToken cancellationToken)
    {
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            if (callerGraph is null)
            {
                return null;
            }

            try
            {
                return callerGraph.GetLocalFunctionControlFlowGraphInScope(method, cancellationToken);
            }
            catch (System.ArgumentOutOfRangeException)
            {
                // Declared in a function this graph is not nested in: out of sight.
                return null;
            }
        }

        // A virtual call may run an override elsewhere; an abstract or extern method has no body.
        var implementation = method.PartialImplementationPart ?? method;
        if (implementation.MethodKind != MethodKind.Ordinary
            || implementation.IsAbstract || implementation.IsVirtual || implementation.IsExtern
            || (implementation.IsOverride && !implementation.IsSealed && !implementation.ContainingType.IsSealed)
            || implementation.DeclaringSyntaxReferences.Length != 1
            || model is null)
        {
            return null;
        }

        var reference = implementation.DeclaringSyntaxReferences[0];
        if (reference.SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        return model.GetOperation(reference.GetSyntax(cancellationToken), cancellationToken) is IMethodBodyOperation body
            ? ControlFlowGraph.Create(body, cancellationToken)
            : null;
    }
}
