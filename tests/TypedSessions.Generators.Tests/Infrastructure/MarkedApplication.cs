using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>
/// A small application in source form whose lines carry their expectation at the end: <c>// TSxxxx</c> for a line the
/// analyzers must report, <c>// fine</c> for correct code written to look like a mistake. It compiles with the
/// generator and runs every TypedSessions analyzer, and names each diagnostic as <c>"TS0102 Path.cs:12"</c>.
/// </summary>
internal static partial class MarkedApplication
{
    /// <summary>The <c>// TSxxxx</c> lines as <c>"TSxxxx Path:line"</c>, in order, and how many lines are marked fine.</summary>
    public static (List<string> Expected, int Fine) Markers(IEnumerable<(string Path, string Source)> files)
    {
        var marked = files
            .SelectMany(static file => file.Source.Split('\n').Select((line, index) => (file.Path, Line: index + 1, Marker: MarkerPattern().Match(line))))
            .Where(static line => line.Marker.Success)
            .ToList();
        var expected = marked
            .Where(static line => line.Marker.Groups["id"].Value != "fine")
            .Select(static line => $"{line.Marker.Groups["id"].Value} {line.Path}:{line.Line}")
            .Order(StringComparer.Ordinal)
            .ToList();
        return (expected, marked.Count - expected.Count);
    }

    /// <summary>Every diagnostic of the compilation with the analyzers, and the TS ones named like the markers, in order.</summary>
    public static async Task<(IReadOnlyList<Diagnostic> All, List<string> Reported)> AnalyzeAsync(string assemblyName, IEnumerable<(string Path, string Source)> files)
    {
        var compilation = GeneratorRunner.Run(CSharpCompilation.Create(
            assemblyName,
            files.Select(static file => CSharpSyntaxTree.ParseText(file.Source, GeneratorRunner.ParseOptions(), file.Path)),
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable))).Output;
        var diagnostics = await compilation.WithAnalyzers(TypedSessionsAnalyzers.All()).GetAllDiagnosticsAsync();
        var reported = diagnostics
            .Where(static diagnostic => diagnostic.Id.StartsWith("TS", StringComparison.Ordinal))
            .Select(static diagnostic => $"{diagnostic.Id} {diagnostic.Location.GetLineSpan().Path}:{diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1}")
            .Order(StringComparer.Ordinal)
            .ToList();
        return (diagnostics, reported);
    }

    [GeneratedRegex(@"// (?<id>TS\d{4}|fine)$")]
    private static partial Regex MarkerPattern();
}
