using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>
/// Where the locals and flow captures of a function body get their values, so that a change through one is traced to
/// the expression it holds: <c>var lines = cart.Lines; lines.Add(x)</c>, a <c>foreach</c> variable over
/// <c>cart.Lines</c>, and the capture the compiler makes of <c>cart.Coupon</c> when it lowers <c>cart.Coupon ??= x</c>.
/// </summary>
/// <remarks>
/// Built from either form of a body: an operation tree (declarators, <c>foreach</c> loops) or the operations of a control
/// flow graph (where both become assignments). A local is resolved only when it has exactly one definition, so a local
/// that is reassigned, or passed by <c>ref</c>/<c>out</c>, is never taken for an alias.
/// </remarks>
internal sealed class ValueOrigins
{
    private readonly Dictionary<ILocalSymbol, List<IOperation>> _locals = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<CaptureId, List<IOperation>> _captures = [];
    private IEnumerable<IOperation>? _unread;

    private ValueOrigins(IEnumerable<IOperation> operations) => _unread = operations;

    /// <summary>
    /// The origins recorded by <paramref name="operations"/>, which must include every nested operation. They are read on
    /// the first question: most bodies never need them.
    /// </summary>
    public static ValueOrigins Of(IEnumerable<IOperation> operations) => new(operations);

    private void Read()
    {
        if (_unread is not { } operations)
        {
            return;
        }

        _unread = null;
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case IFlowCaptureOperation capture:
                    Add(_captures, capture.Id, capture.Value);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    Add(_locals, target.Local, assignment.Value);
                    break;
                case IVariableDeclaratorOperation declarator:
                    // A declarator without an initializer defines nothing yet; a later assignment does.
                    if (declarator.Initializer is { } initializer)
                    {
                        Add(_locals, declarator.Symbol, initializer.Value);
                    }

                    break;
                case IForEachLoopOperation { Collection: var collection } loop:
                    // The loop variable holds each element of the collection: its origin is the collection itself.
                    foreach (var local in loop.Locals)
                    {
                        Add(_locals, local, collection);
                    }

                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation passed } argument:
                    Add(_locals, passed.Local, argument);
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    // (lines, _) = (…): a definition that names no single value.
                    foreach (var target in deconstruction.Target.DescendantsAndSelf())
                    {
                        if (target is ILocalReferenceOperation local)
                        {
                            Add(_locals, local.Local, deconstruction);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>Every value captured as <paramref name="id"/>: one, or several for a capture that joins branches.</summary>
    public IReadOnlyList<IOperation> CaptureValues(CaptureId id)
    {
        Read();
        return _captures.TryGetValue(id, out var values) ? values : [];
    }

    /// <summary>
    /// The one value that <paramref name="reference"/> (a local or flow capture) holds, or <see langword="null"/> when it
    /// has none or several. A <c>foreach</c> variable resolves to its collection.
    /// </summary>
    public IOperation? SingleValue(IOperation reference)
    {
        Read();
        var values = reference switch
        {
            ILocalReferenceOperation local => _locals.TryGetValue(local.Local, out var list) ? list : null,
            IFlowCaptureReferenceOperation capture => _captures.TryGetValue(capture.Id, out var list) ? list : null,
            _ => null,
        };
        return values is { Count: 1 } && values[0] is not (IArgumentOperation or IDeconstructionAssignmentOperation) ? values[0] : null;
    }

    private static void Add<TKey>(Dictionary<TKey, List<IOperation>> map, TKey key, IOperation value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var values))
        {
            map[key] = values = [];
        }

        values.Add(value);
    }
}
