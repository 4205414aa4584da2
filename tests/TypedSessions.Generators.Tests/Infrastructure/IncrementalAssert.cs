using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using TypedSessions.Generators.Models;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>Assertions over the tracked steps of a generator run (<c>trackIncrementalGeneratorSteps: true</c>).</summary>
internal static class IncrementalAssert
{
    /// <summary>Every step the generator names in <see cref="TrackingNames"/>.</summary>
    public static IReadOnlyList<string> StepNames { get; } = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        .Where(static field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(static field => (string)field.GetRawConstantValue()!)
        .ToList();

    public static void AllTrackedStepsRan(GeneratorRunResult result)
    {
        Assert.NotEmpty(StepNames);
        foreach (var name in StepNames)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"Step {name} did not run; is .WithTrackingName({name}) still in the pipeline?");
        }
    }

    public static void AllTrackedSteps(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        AllTrackedStepsRan(result);
        foreach (var name in StepNames)
        {
            Step(result, name, allowed);
        }
    }

    public static void Step(GeneratorRunResult result, string name, params IncrementalStepRunReason[] allowed)
    {
        var reasons = result.TrackedSteps[name].SelectMany(static step => step.Outputs).Select(static output => output.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.True(reasons.All(allowed.Contains), $"Step {name} ran with [{string.Join(", ", reasons)}]; expected only [{string.Join(", ", allowed)}].");
    }

    public static void SourceOutputs(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        var reasons = result.TrackedOutputSteps.SelectMany(static pair => pair.Value).SelectMany(static step => step.Outputs).Select(static output => output.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.True(reasons.All(allowed.Contains), $"Source outputs ran with [{string.Join(", ", reasons)}]; expected only [{string.Join(", ", allowed)}].");
    }

    /// <summary>
    /// Every output of every tracked step and of the source outputs, by the class it belongs to: those of the class
    /// generated as <paramref name="changedHintName"/> ran with one of <paramref name="changedReasons"/>, every other
    /// class's came from the cache (<c>Cached</c>, or <c>Unchanged</c> when a step ran again and produced an equal model).
    /// Each of <paramref name="classes"/> must have an output in every step.
    /// </summary>
    public static void OnlyClassRegenerated(GeneratorRunResult result, IReadOnlyCollection<string> classes, string changedHintName, params IncrementalStepRunReason[] changedReasons)
    {
        AllTrackedStepsRan(result);
        var outputs = OutputsByClass(result).ToList();
        Assert.Contains(changedHintName, classes);
        foreach (var step in outputs.Select(static output => output.Step).Distinct())
        {
            Assert.Equal(classes.Order(StringComparer.Ordinal), outputs.Where(output => output.Step == step).Select(static output => output.HintName).Distinct().Order(StringComparer.Ordinal));
        }

        IncrementalStepRunReason[] cached = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];
        foreach (var (step, hintName, reason) in outputs)
        {
            var allowed = hintName == changedHintName ? changedReasons : cached;
            Assert.True(allowed.Contains(reason), $"Step {step} ran for {hintName} with {reason}; expected one of [{string.Join(", ", allowed)}].");
        }
    }

    // A source output's own value is the generated text; the class it belongs to is the model it was given.
    private static IEnumerable<(string Step, string HintName, IncrementalStepRunReason Reason)> OutputsByClass(GeneratorRunResult result)
    {
        foreach (var name in StepNames)
        {
            foreach (var (value, reason) in result.TrackedSteps[name].SelectMany(static step => step.Outputs))
            {
                yield return (name, ClassOf(value).HintName, reason);
            }
        }

        foreach (var (name, steps) in result.TrackedOutputSteps)
        {
            foreach (var step in steps)
            {
                var (source, index) = Assert.Single(step.Inputs);
                var model = ClassOf(source.Outputs[index].Value);
                foreach (var (_, reason) in step.Outputs)
                {
                    yield return (name, model.HintName, reason);
                }
            }
        }
    }

    // A step that carries the model along with something else (a pair from Combine) still belongs to the model's class.
    private static SessionStateClass ClassOf(object? value) => value switch
    {
        SessionStateClass model => model,
        ITuple tuple => Enumerable.Range(0, tuple.Length).Select(i => tuple[i]).OfType<SessionStateClass>().Single(),
        _ => throw new InvalidOperationException($"A tracked output holds no class model: {value}"),
    };

    /// <summary>
    /// Walks every object the named steps produced, field by field: a symbol, syntax node, location or compilation
    /// in a cached model keeps the whole compilation alive and never compares equal across runs.
    /// </summary>
    public static void NoRoslynObjects(GeneratorRunResult result)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var name in StepNames)
        {
            foreach (var (value, _) in result.TrackedSteps[name].SelectMany(static step => step.Outputs))
            {
                Visit(value, name, visited);
            }
        }
    }

    private static void Visit(object? node, string path, HashSet<object> visited)
    {
        if (node is null)
        {
            return;
        }

        var type = node.GetType();
        Assert.False(IsRoslynType(type), $"{path} holds a {type.FullName}.");
        if (type.IsPrimitive || type.IsEnum || node is string or decimal || (!type.IsValueType && !visited.Add(node)))
        {
            return;
        }

        if (node is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                Visit(item, $"{path}[{index++}]", visited);
            }

            return;
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Assert.False(IsRoslynType(field.FieldType), $"{path}.{field.Name} is declared as {field.FieldType}.");
                Assert.False(
                    field.FieldType.IsArray && type.Namespace?.StartsWith("TypedSessions.Generators", StringComparison.Ordinal) == true,
                    $"{path}.{field.Name} is a plain array, which compares by reference; use EquatableArray<T>.");
                Visit(field.GetValue(node), $"{path}.{field.Name}", visited);
            }
        }
    }

    private static bool IsRoslynType(Type type)
    {
        if (type.IsArray)
        {
            return IsRoslynType(type.GetElementType()!);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            return IsRoslynType(type.GetGenericArguments()[0]);
        }

        return typeof(ISymbol).IsAssignableFrom(type)
            || typeof(SyntaxNode).IsAssignableFrom(type)
            || typeof(SyntaxTree).IsAssignableFrom(type)
            || typeof(SemanticModel).IsAssignableFrom(type)
            || typeof(Compilation).IsAssignableFrom(type)
            || typeof(Location).IsAssignableFrom(type)
            || type == typeof(SyntaxToken)
            || type == typeof(AttributeData);
    }
}
