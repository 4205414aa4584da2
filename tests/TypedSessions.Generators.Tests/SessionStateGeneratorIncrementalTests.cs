using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Generators.Tests;

/// <summary>
/// The pipeline caches: edits that do not change a <c>[SessionState]</c> class do no generator work past parsing,
/// and the models it caches hold nothing from Roslyn (which would keep compilations alive and defeat caching).
/// </summary>
public sealed class SessionStateGeneratorIncrementalTests
{
    private const string Cart = """
        using System.Collections.Generic;
        using TypedSessions;

        namespace Shop;

        [SessionState]
        public partial class Cart
        {
            public partial int Count { get; set; }
            public partial List<string> Lines { get; set; }

            public int Double() => Count * 2;
        }
        """;

    private const string Helper = """
        namespace Shop;

        public static class Helper
        {
            public static int Answer() => 42;
        }
        """;

    [Fact]
    public void Same_input_twice_is_cached()
    {
        var compilation = GeneratorRunner.CreateCompilation([Cart, Helper]);

        var (first, second) = RunTwice(compilation, compilation.Clone());

        IncrementalAssert.AllTrackedStepsRan(first);
        IncrementalAssert.AllTrackedSteps(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        IncrementalAssert.SourceOutputs(second, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Adding_an_unrelated_file_keeps_outputs_cached()
    {
        var compilation = GeneratorRunner.CreateCompilation([Cart, Helper]);
        var edited = compilation.AddSyntaxTrees(Parse("namespace Shop; public sealed class Unrelated { }", "Unrelated.cs"));

        var (_, second) = RunTwice(compilation, edited);

        IncrementalAssert.AllTrackedSteps(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        IncrementalAssert.SourceOutputs(second, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Editing_a_method_body_in_another_file_keeps_outputs_cached()
    {
        var compilation = GeneratorRunner.CreateCompilation([Cart, Helper]);
        var edited = Replace(compilation, Helper, Helper.Replace("=> 42", "=> 43", StringComparison.Ordinal));

        var (_, second) = RunTwice(compilation, edited);

        IncrementalAssert.AllTrackedSteps(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        IncrementalAssert.SourceOutputs(second, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Editing_a_method_body_of_the_class_reparses_it_but_keeps_the_output_cached()
    {
        var compilation = GeneratorRunner.CreateCompilation([Cart, Helper]);
        var edited = Replace(compilation, Cart, Cart.Replace("Count * 2", "Count * 3", StringComparison.Ordinal));

        var (_, second) = RunTwice(compilation, edited);

        IncrementalAssert.Step(second, TrackingNames.ParsedDeclarations, IncrementalStepRunReason.Unchanged);
        IncrementalAssert.AllTrackedSteps(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        IncrementalAssert.SourceOutputs(second, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Adding_a_property_regenerates_the_file()
    {
        var compilation = GeneratorRunner.CreateCompilation([Cart, Helper]);
        var edited = Replace(compilation, Cart, Cart.Replace(
            "public int Double()", "public partial string? Coupon { get; set; }\n\n    public int Double()", StringComparison.Ordinal));

        var (_, second) = RunTwice(compilation, edited);

        IncrementalAssert.Step(second, TrackingNames.ParsedDeclarations, IncrementalStepRunReason.Modified);
        IncrementalAssert.Step(second, TrackingNames.SessionStateClasses, IncrementalStepRunReason.Modified);
        IncrementalAssert.SourceOutputs(second, IncrementalStepRunReason.Modified);
        Assert.Contains("Coupon", second.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pipeline_models_hold_nothing_from_roslyn()
    {
        var compilation = GeneratorRunner.CreateCompilation([Cart, Helper, UnsupportedSourcesForGraph]);

        var (first, second) = RunTwice(compilation, compilation.Clone());

        IncrementalAssert.NoRoslynObjects(first);
        IncrementalAssert.NoRoslynObjects(second);
    }

    // An unsupported shape too, so the graph walk also covers the models of throwing members.
    private const string UnsupportedSourcesForGraph = """
        using TypedSessions;

        namespace Shop;

        [SessionState]
        public partial class Broken<T>
        {
            public partial T Value { get; set; }
        }
        """;

    private static (GeneratorRunResult First, GeneratorRunResult Second) RunTwice(Compilation first, Compilation second)
    {
        var driver = GeneratorRunner.CreateDriver(GeneratorRunner.ParseOptions()).RunGenerators(first);
        var firstResult = driver.GetRunResult().Results.Single();
        driver = driver.RunGenerators(second);
        return (firstResult, driver.GetRunResult().Results.Single());
    }

    private static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, GeneratorRunner.ParseOptions(), path: path);

    private static Compilation Replace(Compilation compilation, string oldSource, string newSource)
    {
        var tree = compilation.SyntaxTrees.Single(tree => tree.ToString() == oldSource);
        return compilation.ReplaceSyntaxTree(tree, Parse(newSource, tree.FilePath));
    }
}
