using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using TypedSessions.Generators.Diagnostics.Analyzers;
using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// The sample shop's SessionSchema.txt matches its session state, as read from the repository: the schema rules find
/// nothing, and the same rules do see a key the file does not record.
/// </summary>
public sealed class SchemaRulesOnSampleTests
{
    private static readonly string Sample = Path.Combine(RepositoryPaths.Root, "samples", "TypedSessions.Samples.Shop");

    [Fact]
    public async Task Sample_schema_file_records_exactly_what_the_shop_stores()
    {
        var schema = File.ReadAllText(Path.Combine(Sample, "SessionSchema.txt"));

        Assert.Empty(await SchemaDiagnosticsAsync(schema));
    }

    [Fact]
    public async Task Sample_state_without_its_schema_lines_is_reported()
    {
        var diagnostics = await SchemaDiagnosticsAsync("# nothing recorded yet\n");

        Assert.Equal(["TS0203"], diagnostics.Select(static diagnostic => diagnostic.Id).Distinct());
        Assert.Contains(diagnostics, static diagnostic => diagnostic.GetMessage().Contains("'Cart.Lines'", StringComparison.Ordinal));
    }

    private static async Task<ImmutableArray<Diagnostic>> SchemaDiagnosticsAsync(string schema)
    {
        var sources = Directory.GetFiles(Path.Combine(Sample, "State"), "*.cs")
            .Concat(Directory.GetFiles(Path.Combine(Sample, "Catalog"), "*.cs"))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .Prepend("global using System; global using System.Collections.Generic; global using System.Linq;")
            .ToArray();
        var output = GeneratorRunner.Run(sources);
        var options = new AnalyzerOptions([new InMemoryAdditionalText(Path.Combine(Sample, "SessionSchema.txt"), schema)]);
        return await output.Output
            .WithAnalyzers([new SessionSchemaAnalyzer()], options)
            .GetAnalyzerDiagnosticsAsync();
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
