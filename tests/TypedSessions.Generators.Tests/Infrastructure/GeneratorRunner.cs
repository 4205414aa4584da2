using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="SessionStateGenerator"/> in memory over user sources, as a compiler would.</summary>
internal static class GeneratorRunner
{
    /// <summary>A line that splits one test source into two files of the compilation.</summary>
    public const string FileSeparator = "//--- next file ---";

    /// <summary>The newest C# this Roslyn knows (partial properties need C# 13).</summary>
    public static CSharpParseOptions ParseOptions(DocumentationMode documentation = DocumentationMode.Parse)
        => new(LanguageVersion.Latest, documentation);

    /// <summary>
    /// A library compilation like a user's project: nullable enabled, every warning wave on, unsafe code allowed
    /// (pointer properties are one of the unsupported shapes).
    /// </summary>
    /// <remarks>
    /// <see cref="DocumentationMode.Diagnose"/> is what <c>GenerateDocumentationFile</c> turns on: missing XML docs
    /// on public members become warnings.
    /// </remarks>
    public static CSharpCompilation CreateCompilation(string[] sources, DocumentationMode documentation = DocumentationMode.Parse)
        => CSharpCompilation.Create(
            "UserAssembly",
            sources
                .SelectMany(static source => source.Split(FileSeparator))
                .Select((source, index) => CSharpSyntaxTree.ParseText(source, ParseOptions(documentation), path: $"Source{index}.cs")),
            TestReferences.All,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true,
                warningLevel: 9999));

    /// <summary>A driver that records every pipeline step, for the cache tests.</summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions parseOptions)
        => CSharpGeneratorDriver.Create(
            [new SessionStateGenerator().AsSourceGenerator()],
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorOutput Run(params string[] sources) => Run(CreateCompilation(sources));

    public static GeneratorOutput Run(CSharpCompilation input)
    {
        var parseOptions = (CSharpParseOptions)input.SyntaxTrees.First().Options;
        var driver = CreateDriver(parseOptions).RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        Assert.Empty(generatorDiagnostics);
        return new GeneratorOutput(input, (CSharpCompilation)output, result);
    }
}

/// <summary>The compilation before and after the generator ran, and what the generator added.</summary>
internal sealed record GeneratorOutput(CSharpCompilation Input, CSharpCompilation Output, GeneratorRunResult Result)
{
    public ImmutableArray<GeneratedSourceResult> Sources => Result.GeneratedSources;

    public string Source(string hintName) => Sources.Single(source => source.HintName == hintName).SourceText.ToString();
}
