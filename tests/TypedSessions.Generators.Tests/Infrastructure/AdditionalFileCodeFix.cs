using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>
/// Applies a fix to a diagnostic reported in an additional file (the schema file), the way the IDE does for a fixer
/// exported with <c>DocumentKinds = AdditionalDocument</c>: the analyzer runs on a workspace project, the fixer gets a
/// <see cref="CodeFixContext"/> over the additional document, and its first action is applied. The test framework's
/// code-fix verifier only offers fixes for diagnostics in source documents.
/// </summary>
internal sealed class AdditionalFileCodeFix : IDisposable
{
    private readonly AdhocWorkspace _workspace = new();
    private Project _project;

    public AdditionalFileCodeFix(string source, string additionalFileName, string additionalText)
    {
        var parseOptions = new CSharpParseOptions(AnalyzerTestSetup.DefaultLanguageVersion);
        var compilationOptions = (CSharpCompilationOptions)AnalyzerTestSetup.WithUserProjectOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var project = _workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "App", "App", LanguageNames.CSharp,
            compilationOptions: compilationOptions, parseOptions: parseOptions, metadataReferences: TestReferences.All));
        project = project.AddDocument("Cart.cs", source, filePath: "/App/Cart.cs").Project;
        _project = project.AddAdditionalDocument(additionalFileName, SourceText.From(additionalText), filePath: "/App/" + additionalFileName).Project;
    }

    /// <summary>The diagnostics of <paramref name="analyzer"/> with id <paramref name="id"/>, in location order.</summary>
    public async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(DiagnosticAnalyzer analyzer, string id)
    {
        var compilation = (await _project.GetCompilationAsync())!;
        var options = new AnalyzerOptions(_project.AdditionalDocuments.Select(static document => (AdditionalText)new DocumentText(document)).ToImmutableArray());
        var diagnostics = await compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.Where(diagnostic => diagnostic.Id == id).OrderBy(static diagnostic => diagnostic.Location.GetLineSpan().StartLinePosition)];
    }

    /// <summary>The titles of the fixes offered for <paramref name="diagnostic"/>, and the project after the first one.</summary>
    public async Task<(IReadOnlyList<string> Titles, Project Fixed)> ApplyAsync(CodeFixProvider fixer, Diagnostic diagnostic)
    {
        var document = _project.AdditionalDocuments.Single(document => document.FilePath == diagnostic.Location.GetLineSpan().Path);
        var actions = new List<CodeAction>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        if (actions.Count == 0)
        {
            return ([], _project);
        }

        var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        var solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (actions.Select(static action => action.Title).ToList(), solution.GetProject(_project.Id)!);
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>An additional document as the analyzer driver sees additional files.</summary>
    private sealed class DocumentText(TextDocument document) : AdditionalText
    {
        public override string Path => document.FilePath!;

        public override SourceText GetText(CancellationToken cancellationToken = default)
            => document.GetTextAsync(cancellationToken).GetAwaiter().GetResult();
    }
}
