using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Benchmarks.Generation;

/// <summary>
/// A user's project as the generation benchmarks compile it: a library with nullable enabled and every warning wave,
/// over the .NET 10 and ASP.NET Core reference assemblies and the TypedSessions runtime, fully offline.
/// </summary>
/// <remarks>
/// The compiler binds on one thread (<c>concurrentBuild: false</c>), as the analyzers run on one: on a shared machine
/// with few cores, a ratio between two passes then compares work, not how the scheduler shared the cores that moment.
/// </remarks>
internal static class UserCompilation
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        warningLevel: 9999,
        concurrentBuild: false);

    public static SyntaxTree[] Parse(IEnumerable<string> sources)
        => [.. sources.Select(static (source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{index}.cs"))];

    public static CSharpCompilation Create(IEnumerable<SyntaxTree> trees)
        => CSharpCompilation.Create("Contoso.Shop", trees, TestReferences.All, Options);

    /// <summary>A driver as a build creates it: no step tracking unless a setup check asks for it.</summary>
    public static GeneratorDriver CreateDriver(IIncrementalGenerator generator, bool trackSteps = false)
        => CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackSteps));

    /// <summary>Runs the generator once and checks that it wrote one file per class and that the result compiles.</summary>
    public static CSharpCompilation Generate(CSharpCompilation input, int expectedFiles)
    {
        var driver = CreateDriver(new TypedSessions.Generators.SessionStateGenerator())
            .RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null || result.GeneratedSources.Length != expectedFiles)
        {
            throw new InvalidOperationException($"The generator wrote {result.GeneratedSources.Length} files, expected {expectedFiles}.", result.Exception);
        }

        EnsureNoErrors(output);
        return (CSharpCompilation)output;
    }

    /// <summary>A benchmark over code that does not compile would measure the compiler's error recovery.</summary>
    public static void EnsureNoErrors(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(static diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The benchmark input does not compile:\n" + string.Join("\n", errors));
        }
    }
}
