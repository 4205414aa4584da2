using Microsoft.CodeAnalysis;
using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Generators.Tests;

/// <summary>Generated code compiles cleanly: no warning under <c>#nullable enable</c> and every warning wave.</summary>
public sealed class GeneratedCodeCompilationTests
{
    public static TheoryData<string> Supported => SourceCases.Supported;

    public static TheoryData<string> Unsupported => SourceCases.Unsupported;

    public static TheoryData<string> All => SourceCases.All;

    [Theory]
    [MemberData(nameof(Supported))]
    public void Supported_declarations_compile_without_any_warning(string source)
    {
        var output = GeneratorRunner.Run(SourceCases.Get(source));

        AssertNone(output.Output.GetDiagnostics().Where(static diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Generated_files_have_no_diagnostics_even_with_documentation_warnings(string source)
    {
        var output = GeneratorRunner.Run(GeneratorRunner.CreateCompilation([SourceCases.Get(source)], DocumentationMode.Diagnose));
        var generatedTrees = output.Output.SyntaxTrees.Except(output.Input.SyntaxTrees).ToHashSet();

        Assert.NotEmpty(generatedTrees);
        AssertNone(output.Output.GetDiagnostics().Where(diagnostic =>
            diagnostic.Severity >= DiagnosticSeverity.Warning && generatedTrees.Contains(diagnostic.Location.SourceTree!)));
    }

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Unsupported_declarations_get_throwing_members_and_no_error_of_the_generators_making(string source)
    {
        var output = GeneratorRunner.Run(SourceCases.Get(source));

        var errorsBefore = Errors(output.Input).Where(static error => error.Id != "CS9248").Select(static error => error.ToString()).ToHashSet();
        var errorsAfter = Errors(output.Output).ToList();

        Assert.DoesNotContain(errorsAfter, static error => error.Id == "CS9248");
        AssertNone(errorsAfter.Where(error => !errorsBefore.Contains(error.ToString())));
        Assert.All(output.Sources, static generated => Assert.Contains("throw new global::System.NotSupportedException(", generated.SourceText.ToString(), StringComparison.Ordinal));
    }

    private static IEnumerable<Diagnostic> Errors(Compilation compilation)
        => compilation.GetDiagnostics().Where(static diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);

    private static void AssertNone(IEnumerable<Diagnostic> diagnostics)
    {
        var list = diagnostics.ToList();
        Assert.True(list.Count == 0, "Unexpected diagnostics:\n" + string.Join("\n", list));
    }
}
