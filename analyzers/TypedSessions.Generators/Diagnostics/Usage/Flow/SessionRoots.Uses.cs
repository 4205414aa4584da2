using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

internal sealed partial class SessionRoots
{
    // session.Set(...), cart.Count++, await session.SaveAsync(): an event of the session they act on.
    private void RecordEffect(OperationSite site)
    {
        var effect = SessionEffects.Classify(site.Operation, _symbols, _function.Origins);
        if (effect.Kind == SessionEffectKind.None || effect.Receiver is null || RootOf(effect.Receiver) is not { } root)
        {
            return;
        }

        _roots[root].Events.Add(new RootEvent(effect.IsSave ? RootEventKind.Save : RootEventKind.Change, site));
    }

    // Every place that names a tracked session: fine when it calls a member, aliases it or tests it; an escape otherwise.
    private void RecordUse(OperationSite site)
    {
        var operation = site.Operation;
        if (operation is not (ILocalReferenceOperation or IParameterReferenceOperation or IFlowCaptureReferenceOperation or IInvocationOperation or IPropertyReferenceOperation)
            || RootOf(operation) is not { } root)
        {
            return;
        }

        var facts = _roots[root];
        if (operation.Parent is ISimpleAssignmentOperation definition && definition.Target == operation)
        {
            RecordDefinition(facts, site, operation, definition);
            return;
        }

        var child = operation;
        var parent = operation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            child = parent;
            parent = parent.Parent;
        }

        switch (parent)
        {
            case null:
                // A statement of its own, or a branch value: only a returned session leaves.
                var block = _function.Graph.Blocks[site.Block];
                if (child == block.BranchValue && block.FallThroughSuccessor?.Semantics == ControlFlowBranchSemantics.Return)
                {
                    facts.Escapes = true;
                }

                break;
            case IExpressionStatementOperation:
            case IFlowCaptureOperation:
            case IIsNullOperation:
            case IIsPatternOperation:
            case IIsTypeOperation:
            case IBinaryOperation:
            case IInvocationOperation invocation when invocation.Instance == child:
            case IPropertyReferenceOperation property when property.Instance == child:
                break;
            case ISimpleAssignmentOperation assignment when assignment.Value == child:
                if (!IsAliasTarget(assignment.Target, root))
                {
                    facts.Escapes = true;
                }

                break;
            case IArgumentOperation { Parent: IInvocationOperation call, Parameter: { } parameter }:
                RecordCall(facts, new OperationSite(site.Block, site.Index, call), parameter);
                break;
            default:
                facts.Escapes = true;
                break;
        }
    }

    // The variable itself is assigned: a fresh session (or null) replaces the old one; anything else is not ours.
    private void RecordDefinition(RootFacts facts, OperationSite site, IOperation target, ISimpleAssignmentOperation definition)
    {
        switch (target)
        {
            case ILocalReferenceOperation local when SymbolEqualityComparer.Default.Equals(local.Local, facts.Symbol):
                if (!IsOpened(definition.Value) && definition.Value.ConstantValue is not { HasValue: true, Value: null })
                {
                    facts.Escapes = true;
                }

                facts.Definitions.Add(site);
                facts.Events.Add(new RootEvent(RootEventKind.Kill, site));
                break;
            case ILocalReferenceOperation when SymbolEqualityComparer.Default.Equals(RootOf(definition.Value), facts.Symbol):
                // An alias's definition: var cart = session.GetState<Cart>().
                break;
            default:
                // A helper assigning its parameter, or an alias pointed at another session.
                facts.Escapes = true;
                break;
        }
    }

    private bool IsAliasTarget(IOperation target, ISymbol root)
        => SessionEffects.Unwrap(target) switch
        {
            IDiscardOperation => true,
            ILocalReferenceOperation local => _declared.Contains(local.Local) && _aliases.TryGetValue(local.Local, out var aliased) && SymbolEqualityComparer.Default.Equals(aliased, root),
            _ => false,
        };

    // Passed to a method: what the method does with it, if its body is in sight; an escape otherwise.
    private void RecordCall(RootFacts facts, OperationSite call, IParameterSymbol parameter)
    {
        var method = ((IInvocationOperation)call.Operation).TargetMethod;
        switch (_helpers.GetEffect(method, parameter.Ordinal, _function.Graph, _callStack, _cancellationToken))
        {
            case HelperEffect.Saves:
                facts.Events.Add(new RootEvent(RootEventKind.Save, call));
                break;
            case HelperEffect.Changes:
                facts.Events.Add(new RootEvent(RootEventKind.Change, call));
                break;
            case HelperEffect.Neutral:
                break;
            default:
                facts.Escapes = true;
                break;
        }
    }

    // if (session.IsModified) await session.SaveAsync(): the other edge has nothing to save.
    private void RecordUnmodifiedEdges()
    {
        foreach (var block in _function.Graph.Blocks)
        {
            foreach (var branch in BlockBranches.Of(block))
            {
                if (BranchConditions.Tested(branch) is ({ } operand, false)
                    && operand is IPropertyReferenceOperation { Property.Name: "IsModified", Instance: { } instance } property
                    && SessionSymbols.Is(property.Property.ContainingType, _symbols.Session)
                    && RootOf(instance) is { } root)
                {
                    _roots[root].NothingToSaveEdges.Add(branch);
                }
            }
        }
    }
}
