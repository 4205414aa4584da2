using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using TypedSessions.Generators.Diagnostics;
using TypedSessions.Generators.Diagnostics.Schema;

namespace TypedSessions.CodeFixes;

/// <summary>
/// Fixes TS0203: records the key in <c>SessionSchema.txt</c>, the line the analyzer gives, among the others in key
/// order. Fix-all records every missing key in one edit, which is what
/// <c>dotnet format analyzers --diagnostics TS0203 --severity info</c> applies from the command line.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSchemaLineCodeFixer))]
[Shared]
public sealed class AddSchemaLineCodeFixer : CodeFixProvider
{
    private const string Title = "Record the key in SessionSchema.txt";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticDescriptors.KeyNotInSchemaId];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => AllLinesFixer.Instance;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.SchemaLine, out var line) && line is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, cancellationToken => AddLinesAsync(context.Document.Project, [line], cancellationToken), equivalenceKey: Title),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Solution> AddLinesAsync(Project project, IReadOnlyCollection<string> lines, CancellationToken cancellationToken)
    {
        var schema = project.AdditionalDocuments.FirstOrDefault(static document =>
            string.Equals(System.IO.Path.GetFileName(document.FilePath ?? document.Name), SessionSchemaFile.FileName, StringComparison.OrdinalIgnoreCase));
        if (schema is null)
        {
            return project.Solution;
        }

        var text = await schema.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return project.Solution.WithAdditionalDocumentText(schema.Id, SourceText.From(WithLines(text.ToString(), lines), text.Encoding));
    }

    // Each new line goes before the first recorded line whose key sorts after it; comments and blank lines stay put.
    private static string WithLines(string text, IReadOnlyCollection<string> added)
    {
        var newline = text.Contains("\r\n") ? "\r\n" : "\n";
        var lines = text.Length == 0 ? new List<string>() : text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').ToList();
        foreach (var line in added.Distinct(StringComparer.Ordinal).OrderBy(static line => line, StringComparer.Ordinal))
        {
            var key = SessionSchemaFile.Split(line).Key;
            var at = lines.FindIndex(existing => SessionSchemaFile.IsEntry(existing) && string.CompareOrdinal(SessionSchemaFile.Split(existing).Key, key) > 0);
            lines.Insert(at < 0 ? lines.Count : at, line);
        }

        return string.Join(newline, lines) + newline;
    }

    /// <summary>Every missing key of the scope's projects, recorded in one edit of each project's schema file.</summary>
    private sealed class AllLinesFixer : FixAllProvider
    {
        public static readonly AllLinesFixer Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => [FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution];

        public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            => Task.FromResult<CodeAction?>(CodeAction.Create(Title, cancellationToken => FixAsync(fixAllContext, cancellationToken), equivalenceKey: Title));

        private static async Task<Solution> FixAsync(FixAllContext context, CancellationToken cancellationToken)
        {
            var projects = context.Scope == FixAllScope.Solution ? context.Solution.Projects : [context.Project];
            var solution = context.Solution;
            foreach (var project in projects)
            {
                var diagnostics = context.Scope == FixAllScope.Document && context.Document is { } document
                    ? await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false)
                    : await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                var lines = diagnostics
                    .Select(static diagnostic => diagnostic.Properties.TryGetValue(DiagnosticProperties.SchemaLine, out var line) ? line : null)
                    .OfType<string>()
                    .ToList();
                if (lines.Count > 0)
                {
                    solution = await AddLinesAsync(solution.GetProject(project.Id)!, lines, cancellationToken).ConfigureAwait(false);
                }
            }

            return solution;
        }
    }
}
