using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace TypedSessions.Tests.Security;

/// <summary>
/// docs/security.md names the tests that prove each protection: every <c>Class.Method</c> (or <c>Class.*</c>) it
/// names must be a test class of this repository, and the method one of its tests, so the threat model cannot point
/// at a test that was renamed or removed.
/// </summary>
public sealed partial class ThreatModelTests
{
    [Fact]
    public void Every_test_the_threat_model_names_exists()
    {
        var root = RepositoryRoot();
        var model = File.ReadAllText(Path.Combine(root, "docs", "security.md"));
        var sources = Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();

        var named = TestReference().Matches(model).Select(match => (Class: match.Groups[1].Value, Member: match.Groups[2].Value)).Distinct().ToList();

        Assert.True(named.Count > 40, $"Only {named.Count} test references were found; the pattern no longer matches the document.");
        var missing = named
            .Where(reference =>
            {
                var declaring = sources.Where(source => Regex.IsMatch(source, $@"\bclass {reference.Class}\b")).ToList();
                return declaring.Count == 0
                    || (reference.Member != "*" && !declaring.Any(source => Regex.IsMatch(source, $@"\b(Task|void) {reference.Member}\(")));
            })
            .Select(reference => $"{reference.Class}.{reference.Member}")
            .ToList();
        Assert.Empty(missing);
    }

    // `SomeTests.Some_method` or `SomeTests.*` in backticks.
    [GeneratedRegex(@"`([A-Z][A-Za-z0-9]*Tests)\.(\*|[A-Za-z0-9_]+)`")]
    private static partial Regex TestReference();

    private static string RepositoryRoot([CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}
