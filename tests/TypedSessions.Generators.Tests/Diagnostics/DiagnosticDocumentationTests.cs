using System.Xml.Linq;
using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// Every rule an analyzer reports has its help page (the help link's target), a row in the README's table and a line
/// in the release tracking file, so a new rule cannot ship undocumented; its help link is that page's absolute address
/// in the repository, so an IDE can open it.
/// </summary>
public sealed class DiagnosticDocumentationTests
{
    public static TheoryData<string> RuleIds => [.. TypedSessionsAnalyzers.All()
        .SelectMany(static analyzer => analyzer.SupportedDiagnostics)
        .Select(static descriptor => descriptor.Id)
        .Distinct()
        .Order(StringComparer.Ordinal)];

    /// <summary>The one spelling of the repository's address, read from Directory.Build.props as the build reads it.</summary>
    private static readonly string RepositoryUrl = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"))
        .Descendants("RepositoryUrl").Single().Value.TrimEnd('/');

    [Fact]
    public void Every_help_link_is_an_absolute_repository_url_of_an_existing_page()
    {
        var descriptors = TypedSessionsAnalyzers.All().SelectMany(static analyzer => analyzer.SupportedDiagnostics).ToList();
        var pageBase = RepositoryUrl + "/blob/main/";

        Assert.NotEmpty(descriptors);
        Assert.StartsWith("https://", RepositoryUrl, StringComparison.Ordinal);
        foreach (var descriptor in descriptors)
        {
            Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out _), $"{descriptor.Id}: '{descriptor.HelpLinkUri}' is not an absolute URL.");
            Assert.StartsWith(pageBase, descriptor.HelpLinkUri, StringComparison.Ordinal);
            var pathInRepository = descriptor.HelpLinkUri[pageBase.Length..];
            Assert.Equal($"docs/diagnostics/{descriptor.Id}.md", pathInRepository);
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, pathInRepository)), $"{descriptor.Id}: {pathInRepository} is missing.");
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_a_help_page_a_readme_row_and_a_release_entry(string id)
    {
        var descriptor = TypedSessionsAnalyzers.All().SelectMany(static analyzer => analyzer.SupportedDiagnostics).First(descriptor => descriptor.Id == id);
        var page = Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", id + ".md");

        Assert.Equal($"{RepositoryUrl}/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(page), $"{page} is missing.");
        Assert.StartsWith($"# {id}: {descriptor.Title}", File.ReadAllText(page), StringComparison.Ordinal);
        Assert.Contains($"| [{id}](docs/diagnostics/{id}.md) |", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")), StringComparison.Ordinal);
        Assert.Contains(
            $"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |",
            File.ReadAllText(Path.Combine(RepositoryPaths.Root, "analyzers", "TypedSessions.Generators", "AnalyzerReleases.Unshipped.md")),
            StringComparison.Ordinal);
    }
}
