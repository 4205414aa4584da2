using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Environments;

/// <summary>
/// The environment checks that a call is made under, within the function that makes it: the <c>if</c> and <c>?:</c>
/// conditions around it, and the early returns before it (<c>if (!env.IsDevelopment()) return;</c>).
/// </summary>
/// <param name="Conditions">
/// The conditions that depend on the environment, outermost first, as the message names them:
/// <c>'env.IsDevelopment()' is true</c>. Conditions that do not (a configuration flag) are left out.
/// </param>
/// <param name="Alternatives">What the conditions require together, as <see cref="EnvironmentConditions"/> describes it.</param>
internal sealed record EnvironmentGuard(ImmutableArray<string> Conditions, ImmutableArray<ImmutableArray<EnvironmentTest>> Alternatives)
{
    public static EnvironmentGuard None { get; } = new([], EnvironmentConditions.Unrestricted);

    /// <summary>Whether any condition depends on the environment.</summary>
    public bool IsRestricted => !Conditions.IsEmpty;

    /// <summary>Whether some environment gets the call (<c>IsDevelopment() &amp;&amp; IsStaging()</c> is none).</summary>
    public bool IsReachable => !Alternatives.IsEmpty;

    /// <summary>This guard inside <paramref name="outer"/>: the call is made where both hold.</summary>
    public EnvironmentGuard Within(EnvironmentGuard outer)
        => new(outer.Conditions.AddRange(Conditions), EnvironmentConditions.And(outer.Alternatives, Alternatives));

    /// <summary>
    /// The guard of <paramref name="call"/>, and the function it is made in: the nearest local function around it, or
    /// <paramref name="member"/>. Lambdas are looked through (<c>app.UseWhen(…, branch => branch.UseTypedSessions())</c>
    /// inside an <c>if</c> is under that <c>if</c>). An early return in the program's entry point is not a guard: the
    /// application never starts in that environment, so none of its requests fail.
    /// </summary>
    public static (EnvironmentGuard Guard, ISymbol Function) Find(IOperation call, ISymbol member, EnvironmentSymbols symbols)
    {
        // Innermost level first; each level in source order.
        var levels = new List<List<(IOperation Condition, bool Value, bool IsEarlyReturn)>>();
        var inLambda = false;
        ISymbol function = member;
        var current = call;
        for (var parent = call.Parent; parent is not null; current = parent, parent = parent.Parent)
        {
            if (parent is ILocalFunctionOperation localFunction)
            {
                function = localFunction.Symbol;
                break;
            }

            inLambda |= parent is IAnonymousFunctionOperation;
            var level = new List<(IOperation, bool, bool)>();
            switch (parent)
            {
                case IConditionalOperation conditional when current == conditional.WhenTrue:
                    level.Add((conditional.Condition, true, false));
                    break;
                case IConditionalOperation conditional when current == conditional.WhenFalse:
                    level.Add((conditional.Condition, false, false));
                    break;
                case IBlockOperation block:
                    foreach (var statement in block.Operations)
                    {
                        if (statement == current)
                        {
                            break;
                        }

                        if (EarlyReturn(statement) is var (condition, value))
                        {
                            level.Add((condition, value, !inLambda));
                        }
                    }

                    break;
            }

            levels.Add(level);
        }

        var entryPoint = function is IMethodSymbol { IsStatic: true, Name: "Main" or "<Main>$" };
        var conditions = ImmutableArray.CreateBuilder<string>();
        var alternatives = EnvironmentConditions.Unrestricted;
        foreach (var (condition, value, isEarlyReturn) in Enumerable.Reverse(levels).SelectMany(static level => level))
        {
            if (isEarlyReturn && entryPoint)
            {
                continue;
            }

            var required = EnvironmentConditions.Describe(condition, value, symbols);
            if (EnvironmentConditions.IsRestricted(required))
            {
                conditions.Add(Describe(condition, value));
                alternatives = EnvironmentConditions.And(alternatives, required);
            }
        }

        return (new EnvironmentGuard(conditions.ToImmutable(), alternatives), function);
    }

    /// <summary>
    /// <c>if (c) return;</c> lets what follows run when <c>c</c> is false; <c>if (c) { … } else return;</c> when it is
    /// true. A <c>throw</c> is not an early return: the application fails to start, it does not run without sessions.
    /// </summary>
    private static (IOperation Condition, bool Value)? EarlyReturn(IOperation statement)
        => statement is IConditionalOperation { WhenTrue: { } whenTrue } conditional
            ? Returns(whenTrue) && (conditional.WhenFalse is null || !Returns(conditional.WhenFalse))
                ? (conditional.Condition, false)
                : conditional.WhenFalse is { } whenFalse && Returns(whenFalse) && !Returns(whenTrue)
                    ? (conditional.Condition, true)
                    : null
            : null;

    private static bool Returns(IOperation operation)
        => operation switch
        {
            IReturnOperation => true,
            IBlockOperation { Operations: { Length: > 0 } operations } => Returns(operations[operations.Length - 1]),
            _ => false,
        };

    /// <summary><c>'env.IsDevelopment()' is true</c>; a negation is named by what it negates, a local by its value.</summary>
    private static string Describe(IOperation condition, bool value)
    {
        while (true)
        {
            condition = EnvironmentConditions.Unwrap(condition);
            if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                condition = not.Operand;
                value = !value;
            }
            else if (condition is ILocalReferenceOperation local && EnvironmentConditions.Initializer(local) is { } initializer)
            {
                condition = initializer;
            }
            else
            {
                break;
            }
        }

        var text = Regex.Replace(condition.Syntax.ToString(), @"\s+", " ");
        return $"'{text}' is {(value ? "true" : "false")}";
    }
}
