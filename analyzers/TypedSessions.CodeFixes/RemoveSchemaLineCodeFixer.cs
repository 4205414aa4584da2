using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using TypedSessions.Generators.Diagnostics;

namespace TypedSessions.CodeFixes;

/// <summary>
/// Fixes TS0201 for a deliberate removal: deletes the key's line from <c>SessionSchema.txt</c>, so the value it
/// recorded is left to expire with the sessions that hold it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSchemaLineCodeFixer), DocumentKinds = [nameof(TextDocumentKind.AdditionalDocument)])]
[Shared]
public sealed class RemoveSchemaLineCodeFixer : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticDescriptors.SchemaKeyNoLongerStoredId];

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var schema = context.TextDocument;
        foreach (var diagnostic in context.Diagnostics)
        {
            var title = "Remove the line: the key is no longer stored on purpose";
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => RemoveLineAsync(schema, diagnostic.Location.SourceSpan, cancellationToken), equivalenceKey: title),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Solution> RemoveLineAsync(TextDocument schema, TextSpan entry, CancellationToken cancellationToken)
    {
        var text = await schema.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var line = text.Lines.GetLineFromPosition(entry.Start);
        return schema.Project.Solution.WithAdditionalDocumentText(schema.Id, text.Replace(line.SpanIncludingLineBreak, ""));
    }
}
