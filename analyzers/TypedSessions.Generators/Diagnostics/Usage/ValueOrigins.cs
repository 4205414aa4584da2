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

    private ValueOrigins()
    {
    }

    /// <summary>The origins recorded by <paramref name="operations"/>, which must include every nested operation.</summary>
    public static ValueOrigins Of(IEnumerable<IOperation> operations)
    {
        var origins = new ValueOrigins();
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case IFlowCaptureOperation capture:
                    Add(origins._captures, capture.Id, capture.Value);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    Add(origins._locals, target.Local, assignment.Value);
                    break;
                case IVariableDeclaratorOperation declarator:
                    // A declarator without an initializer defines nothing yet; a later assignment does.
                    if (declarator.Initializer is { } initializer)
                    {
                        Add(origins._locals, declarator.Symbol, initializer.Value);
                    }

                    break;
                case IForEachLoopOperation { Collection: var collection } loop:
                    // The loop variable holds each element of the collection: its origin is the collection itself.
                    foreach (var local in loop.Locals)
                    {
                        Add(origins._locals, local, collection);
                    }

                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation passed } argument:
                    Add(origins._locals, passed.Local, argument);
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    // (lines, _) = (…): a definition that names no single value.
                    foreach (var target in deconstruction.Target.DescendantsAndSelf())
                    {
                        if (target is ILocalReferenceOperation local)
                        {
                            Add(origins._locals, local.Local, deconstruction);
                        }
                    }

                    break;
            }
        }

        return origins;
    }

    /// <summary>Every value captured as <paramref name="id"/>: one, or several for a capture that joins branches.</summary>
    public IReadOnlyList<IOperation> CaptureValues(CaptureId id)
        => _captures.TryGetValue(id, out var values) ? values : [];

    /// <summary>
    /// The one value that <paramref name="reference"/> (a local or flow capture) holds, or <see langword="null"/> when it
    /// has none or several. A <c>foreach</c> variable resolves to its collection.
    /// </summary>
    public IOperation? SingleValue(IOperation reference)
    {
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
