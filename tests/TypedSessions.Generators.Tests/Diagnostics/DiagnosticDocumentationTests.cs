using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// Every rule an analyzer reports has its help page (the help link's target), a row in the README's table and a line
/// in the release tracking file, so a new rule cannot ship undocumented.
/// </summary>
public sealed class DiagnosticDocumentationTests
{
    public static TheoryData<string> RuleIds => [.. TypedSessionsAnalyzers.All()
        .SelectMany(static analyzer => analyzer.SupportedDiagnostics)
        .Select(static descriptor => descriptor.Id)
        .Distinct()
        .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_a_help_page_a_readme_row_and_a_release_entry(string id)
    {
        var descriptor = TypedSessionsAnalyzers.All().SelectMany(static analyzer => analyzer.SupportedDiagnostics).First(descriptor => descriptor.Id == id);
        var page = Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", id + ".md");

        Assert.Equal($"docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(page), $"{page} is missing.");
        Assert.StartsWith($"# {id}: {descriptor.Title}", File.ReadAllText(page), StringComparison.Ordinal);
        Assert.Contains($"| [{id}](docs/diagnostics/{id}.md) |", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")), StringComparison.Ordinal);
        Assert.Contains(
            $"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |",
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "analyzers", "TypedSessions.Generators", "AnalyzerReleases.Unshipped.md")),
            StringComparison.Ordinal);
    }
}
