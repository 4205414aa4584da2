using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>
/// Tracks the sessions of one function body: which variables hold a session opened through <c>ISessionManager</c>
/// (or, for a helper, a session parameter), their aliases (<c>var cart = session.GetState&lt;Cart&gt;()</c>), where each
/// is changed, saved or replaced, and whether it escapes.
/// </summary>
internal sealed partial class SessionRoots
{
    private readonly FunctionGraph _function;
    private readonly SessionSymbols _symbols;
    private readonly HelperSummaries _helpers;
    private readonly HashSet<IMethodSymbol> _callStack;
    private readonly CancellationToken _cancellationToken;
    private readonly HashSet<ILocalSymbol> _declared;
    private readonly Dictionary<ISymbol, RootFacts> _roots = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, ISymbol> _aliases = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<CaptureId, ISymbol> _captureRoots = [];

    private SessionRoots(FunctionGraph function, SessionSymbols symbols, HelperSummaries helpers, HashSet<IMethodSymbol> callStack, CancellationToken cancellationToken)
    {
        _function = function;
        _symbols = symbols;
        _helpers = helpers;
        _callStack = callStack;
        _cancellationToken = cancellationToken;
        _declared = function.DeclaredLocals();
    }

    public IEnumerable<RootFacts> Roots => _roots.Values;

    /// <summary>Tracks the sessions that <paramref name="function"/> opens through <c>ISessionManager</c>.</summary>
    public static SessionRoots ForOpenedSessions(FunctionGraph function, SessionSymbols symbols, HelperSummaries helpers, HashSet<IMethodSymbol> callStack, CancellationToken cancellationToken)
    {
        var roots = new SessionRoots(function, symbols, helpers, callStack, cancellationToken);
        roots.FindOpenedLocals();
        if (roots._roots.Count > 0)
        {
            roots.Analyze();
        }

        return roots;
    }

    /// <summary>Tracks the sessions passed to a helper as <paramref name="parameters"/>.</summary>
    public static SessionRoots ForParameters(FunctionGraph function, IEnumerable<IParameterSymbol> parameters, SessionSymbols symbols, HelperSummaries helpers, HashSet<IMethodSymbol> callStack, CancellationToken cancellationToken)
    {
        var roots = new SessionRoots(function, symbols, helpers, callStack, cancellationToken);
        foreach (var parameter in parameters)
        {
            roots._roots[parameter] = new RootFacts(parameter);
        }

        roots.Analyze();
        return roots;
    }

    /// <summary>The tracked session that <paramref name="operation"/> names, or <see langword="null"/>.</summary>
    public ISymbol? RootOf(IOperation operation)
    {
        switch (SessionEffects.Unwrap(operation))
        {
            case ILocalReferenceOperation local:
                return _roots.ContainsKey(local.Local) ? local.Local : _aliases.TryGetValue(local.Local, out var aliased) ? aliased : null;
            case IParameterReferenceOperation parameter:
                return _roots.ContainsKey(parameter.Parameter) ? parameter.Parameter : null;
            case IFlowCaptureReferenceOperation capture:
                return _captureRoots.TryGetValue(capture.Id, out var captured) ? captured : null;
            case IInvocationOperation { TargetMethod.Name: "GetState", Instance: { } session } invocation
                when SessionSymbols.Is(invocation.TargetMethod.ContainingType, _symbols.Session):
                return RootOf(session);
            case IPropertyReferenceOperation { Property.Name: "Session", Instance: { } state } property
                when SessionSymbols.Is(property.Property.ContainingType.OriginalDefinition, _symbols.SessionState):
                return RootOf(state);
            default:
                return null;
        }
    }

    private void FindOpenedLocals()
    {
        foreach (var site in _function.Sites)
        {
            if (site.Operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                && _declared.Contains(target.Local)
                && IsOpened(assignment.Value)
                && !_roots.ContainsKey(target.Local))
            {
                _roots[target.Local] = new RootFacts(target.Local);
            }
        }
    }

    // A session fresh from ISessionManager, or a typed view over one: (await manager.OpenAsync(key)).GetState<Cart>().
    private bool IsOpened(IOperation value)
    {
        var unwrapped = SessionEffects.Unwrap(value);
        return unwrapped switch
        {
            IInvocationOperation { TargetMethod.Name: "GetState", Instance: { } session } invocation
                when SessionSymbols.Is(invocation.TargetMethod.ContainingType, _symbols.Session) => IsOpened(session),
            IFlowCaptureReferenceOperation capture => _function.Origins.CaptureValues(capture.Id) is { Count: > 0 } values && values.All(IsOpened),
            _ => SessionCalls.IsManagerOpen(unwrapped, _symbols),
        };
    }

    private void Analyze()
    {
        ResolveAliases();
        var captured = _function.CapturedByNested();
        foreach (var site in _function.Sites)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            RecordEffect(site);
            RecordUse(site);
        }

        foreach (var root in _roots.Values)
        {
            if (captured.Contains(root.Symbol) || _aliases.Any(alias => SymbolEqualityComparer.Default.Equals(alias.Value, root.Symbol) && captured.Contains(alias.Key)))
            {
                root.Escapes = true;
            }
        }

        RecordUnmodifiedEdges();
        foreach (var root in _roots.Values)
        {
            FlagGuards.AddNothingToSaveEdges(_function, root, root.NothingToSaveEdges);
        }
    }

    // Aliases and flow captures of tracked sessions, to a fixed point (an alias of an alias).
    private void ResolveAliases()
    {
        var definitions = new List<IOperation>();
        foreach (var site in _function.Sites)
        {
            if (site.Operation is IFlowCaptureOperation or ISimpleAssignmentOperation { Target: ILocalReferenceOperation })
            {
                definitions.Add(site.Operation);
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var definition in definitions)
            {
                if (definition is IFlowCaptureOperation capture && !_captureRoots.ContainsKey(capture.Id) && RootOf(capture.Value) is { } root)
                {
                    _captureRoots[capture.Id] = root;
                    changed = true;
                }
            }

            foreach (var definition in definitions)
            {
                if (definition is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    && _declared.Contains(target.Local)
                    && !_roots.ContainsKey(target.Local)
                    && !_aliases.ContainsKey(target.Local)
                    && RootOf(assignment.Value) is { } root)
                {
                    _aliases[target.Local] = root;
                    changed = true;
                }
            }
        }
    }
}
