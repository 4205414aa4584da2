using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Environments;

/// <summary>
/// What a condition requires of the environment, as alternatives of tests that must all hold (a disjunction of
/// conjunctions): <c>env.IsDevelopment() || env.IsStaging()</c> is true in Development or in Staging. Anything that is
/// not an environment check (a configuration flag, a request property) may be true anywhere, so a condition that
/// depends on one alone requires nothing: <see cref="Unrestricted"/>.
/// </summary>
internal static class EnvironmentConditions
{
    /// <summary>Past this many alternatives a condition is taken as unrestricted, so the analysis never reports it.</summary>
    private const int MaxAlternatives = 16;

    private const int MaxDepth = 8;

    /// <summary>One alternative that requires nothing: true in every environment.</summary>
    public static ImmutableArray<ImmutableArray<EnvironmentTest>> Unrestricted { get; } = [ImmutableArray<EnvironmentTest>.Empty];

    /// <summary>The alternatives under which <paramref name="condition"/> evaluates to <paramref name="value"/>.</summary>
    public static ImmutableArray<ImmutableArray<EnvironmentTest>> Describe(IOperation condition, bool value, EnvironmentSymbols symbols)
        => Describe(condition, value, symbols, depth: 0);

    /// <summary>Both: every pair of alternatives merged, contradictory pairs (Development and Staging) dropped.</summary>
    public static ImmutableArray<ImmutableArray<EnvironmentTest>> And(ImmutableArray<ImmutableArray<EnvironmentTest>> left, ImmutableArray<ImmutableArray<EnvironmentTest>> right)
    {
        var result = new List<ImmutableArray<EnvironmentTest>>();
        foreach (var first in left)
        {
            foreach (var second in right)
            {
                var merged = first.AddRange(second.Where(test => !first.Contains(test)));
                if (IsPossible(merged) && !result.Any(existing => existing.SequenceEqual(merged)))
                {
                    result.Add(merged);
                }
            }
        }

        return result.Count > MaxAlternatives ? Unrestricted : [.. result];
    }

    /// <summary>Either one: their alternatives side by side.</summary>
    public static ImmutableArray<ImmutableArray<EnvironmentTest>> Or(ImmutableArray<ImmutableArray<EnvironmentTest>> left, ImmutableArray<ImmutableArray<EnvironmentTest>> right)
    {
        if (left.Any(static alternative => alternative.IsEmpty) || right.Any(static alternative => alternative.IsEmpty))
        {
            return Unrestricted;
        }

        var result = left.AddRange(right.Where(alternative => !left.Any(existing => existing.SequenceEqual(alternative))));
        return result.Length > MaxAlternatives ? Unrestricted : result;
    }

    /// <summary>Whether the condition is anything but <see cref="Unrestricted"/>: it depends on the environment.</summary>
    public static bool IsRestricted(ImmutableArray<ImmutableArray<EnvironmentTest>> alternatives)
        => !alternatives.Any(static alternative => alternative.IsEmpty);

    private static ImmutableArray<ImmutableArray<EnvironmentTest>> Describe(IOperation condition, bool value, EnvironmentSymbols symbols, int depth)
    {
        if (depth > MaxDepth)
        {
            return Unrestricted;
        }

        switch (Unwrap(condition))
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Describe(not.Operand, !value, symbols, depth + 1);

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } both when IsBoolean(both):
                return value
                    ? And(Describe(both.LeftOperand, true, symbols, depth + 1), Describe(both.RightOperand, true, symbols, depth + 1))
                    : Or(Describe(both.LeftOperand, false, symbols, depth + 1), Describe(both.RightOperand, false, symbols, depth + 1));

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } either when IsBoolean(either):
                return value
                    ? Or(Describe(either.LeftOperand, true, symbols, depth + 1), Describe(either.RightOperand, true, symbols, depth + 1))
                    : And(Describe(either.LeftOperand, false, symbols, depth + 1), Describe(either.RightOperand, false, symbols, depth + 1));

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                return DescribeComparison(comparison.LeftOperand, comparison.RightOperand, (comparison.OperatorKind == BinaryOperatorKind.Equals) == value, symbols, depth);

            case IIsPatternOperation isPattern:
                return DescribePattern(isPattern.Value, isPattern.Pattern, value, symbols, depth);

            case IInvocationOperation invocation when symbols.GetTestedEnvironment(invocation) is var (name, nameOperation):
                return name is not null
                    ? Test(name, namesAnEnvironment: true, value)
                    : Test(nameOperation?.Syntax.ToString() ?? "", namesAnEnvironment: false, value);

            case IInvocationOperation { TargetMethod: { Name: "Equals", ContainingType.SpecialType: SpecialType.System_String } } equals:
                var operands = (equals.Instance is null ? [] : new[] { equals.Instance }).Concat(equals.Arguments.Select(static argument => argument.Value)).ToList();
                return operands.Count >= 2 ? DescribeComparison(operands[0], operands[1], value, symbols, depth) : Unrestricted;

            case ILocalReferenceOperation local when Initializer(local) is { } initializer:
                return Describe(initializer, value, symbols, depth + 1);

            default:
                return Unrestricted;
        }
    }

    /// <summary>Two operands that must be equal (or not): a boolean against a constant, or an environment name against one.</summary>
    private static ImmutableArray<ImmutableArray<EnvironmentTest>> DescribeComparison(IOperation left, IOperation right, bool equal, EnvironmentSymbols symbols, int depth)
    {
        foreach (var (subject, other) in new[] { (Unwrap(left), Unwrap(right)), (Unwrap(right), Unwrap(left)) })
        {
            if (other.ConstantValue is { HasValue: true, Value: bool constant })
            {
                return Describe(subject, constant == equal, symbols, depth + 1);
            }

            if (symbols.IsEnvironmentName(subject) && symbols.GetName(other) is { } name)
            {
                return Test(name, namesAnEnvironment: true, equal);
            }
        }

        return Unrestricted;
    }

    /// <summary><c>env.EnvironmentName is "Staging"</c>, <c>is not "Production"</c>, <c>is "A" or "B"</c>, <c>IsDevelopment() is false</c>.</summary>
    private static ImmutableArray<ImmutableArray<EnvironmentTest>> DescribePattern(IOperation subject, IPatternOperation pattern, bool value, EnvironmentSymbols symbols, int depth)
    {
        if (depth > MaxDepth)
        {
            return Unrestricted;
        }

        switch (pattern)
        {
            case IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: bool constant } }:
                return Describe(subject, constant == value, symbols, depth + 1);
            case IConstantPatternOperation { Value: var constantValue } when symbols.IsEnvironmentName(Unwrap(subject)) && symbols.GetName(Unwrap(constantValue)) is { } name:
                return Test(name, namesAnEnvironment: true, value);
            case INegatedPatternOperation negated:
                return DescribePattern(subject, negated.Pattern, !value, symbols, depth + 1);
            case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either:
                return value
                    ? Or(DescribePattern(subject, either.LeftPattern, true, symbols, depth + 1), DescribePattern(subject, either.RightPattern, true, symbols, depth + 1))
                    : And(DescribePattern(subject, either.LeftPattern, false, symbols, depth + 1), DescribePattern(subject, either.RightPattern, false, symbols, depth + 1));
            case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } both:
                return value
                    ? And(DescribePattern(subject, both.LeftPattern, true, symbols, depth + 1), DescribePattern(subject, both.RightPattern, true, symbols, depth + 1))
                    : Or(DescribePattern(subject, both.LeftPattern, false, symbols, depth + 1), DescribePattern(subject, both.RightPattern, false, symbols, depth + 1));
            default:
                return Unrestricted;
        }
    }

    /// <summary>The value a local was declared with (<c>var isDevelopment = app.Environment.IsDevelopment();</c>).</summary>
    public static IOperation? Initializer(ILocalReferenceOperation local)
        => local.Local.DeclaringSyntaxReferences.Length == 1
            && local.Local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value }
            && local.SemanticModel?.SyntaxTree == value.SyntaxTree
                ? local.SemanticModel.GetOperation(value)
                : null;

    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    private static ImmutableArray<ImmutableArray<EnvironmentTest>> Test(string key, bool namesAnEnvironment, bool value)
        => [[new EnvironmentTest(namesAnEnvironment ? key.ToLowerInvariant() : key, namesAnEnvironment, value)]];

    private static bool IsBoolean(IBinaryOperation operation) => operation.Type?.SpecialType == SpecialType.System_Boolean;

    /// <summary>No key required both ways, and at most one environment name required to be the current one.</summary>
    private static bool IsPossible(ImmutableArray<EnvironmentTest> tests)
        => !tests.Any(test => tests.Any(other => other.Key == test.Key && other.Value != test.Value))
            && tests.Where(static test => test.NamesAnEnvironment && test.Value).Select(static test => test.Key).Distinct().Count() <= 1;
}
