using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSessions.Generators.Diagnostics.Analyzers;
using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// The sample shop's session state, read from the repository as it is: the declaration rules (TS0001–TS0005) find
/// nothing, and with the generator the code compiles without an error.
/// </summary>
public sealed class DeclarationRulesOnSampleTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> DeclarationAnalyzers =
    [
        new NotPartialAnalyzer(),
        new SessionPropertyShapeAnalyzer(),
        new UnstorableTypeAnalyzer(),
        new DuplicateKeyAnalyzer(),
        new UnsupportedShapeAnalyzer(),
    ];

    [Fact]
    public async Task Sample_state_classes_get_no_declaration_diagnostic()
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "TypedSessions.Samples.Shop");
        var sources = new[] { "State", "Catalog" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(sample, folder), "*.cs"))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .Prepend(ImplicitUsings)
            .ToArray();
        Assert.Contains(sources, static source => source.Contains("[SessionState]", StringComparison.Ordinal));

        var output = GeneratorRunner.Run(sources);
        var diagnostics = await output.Output
            .WithAnalyzers(DeclarationAnalyzers)
            .GetAllDiagnosticsAsync();

        Assert.Empty(diagnostics.Where(static diagnostic => diagnostic.Severity == DiagnosticSeverity.Error || diagnostic.Id.StartsWith("TS", StringComparison.Ordinal)));
    }

    /// <summary>What <c>ImplicitUsings</c> gives the web SDK project, for the files that rely on it.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Threading.Tasks;
        """;
}
