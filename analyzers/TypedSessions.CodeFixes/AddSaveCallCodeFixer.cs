using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;
using TypedSessions.Generators.Diagnostics;

namespace TypedSessions.CodeFixes;

/// <summary>
/// Fixes TS0101: adds <c>await session.SaveAsync()</c> (with the method's cancellation token, if it has exactly one)
/// after the statement that the analyzer names: the statement of the session's own block that holds its last unsaved
/// change. Offered only where the analyzer says it applies: the variable is a <c>Session</c> and the function is async.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSaveCallCodeFixer))]
[Shared]
public sealed class AddSaveCallCodeFixer : CodeFixProvider
{
    // One key for every session name, so that fix-all applies the same fix to every diagnostic.
    private const string EquivalenceKey = nameof(AddSaveCallCodeFixer);

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticDescriptors.ChangedButNotSavedId];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.SessionVariable, out var session) && session is not null
                && diagnostic.AdditionalLocations.Count == 1)
            {
                diagnostic.Properties.TryGetValue(DiagnosticProperties.CancellationToken, out var token);
                var call = $"await {session}.SaveAsync({token});";
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add '{call.TrimEnd(';')}'",
                        cancellationToken => AddAfterAsync(context.Document, diagnostic.AdditionalLocations[0].SourceSpan, call, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> AddAfterAsync(Document document, TextSpan anchorSpan, string call, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var anchor = root?.FindNode(anchorSpan).AncestorsAndSelf().FirstOrDefault(node => node is StatementSyntax or GlobalStatementSyntax && node.Span == anchorSpan);
        if (root is null || anchor is null)
        {
            return document;
        }

        // The file's own line ending, taken from the statement the save follows.
        var endOfLine = anchor.GetTrailingTrivia().LastOrDefault(static trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
        var statement = SyntaxFactory.ParseStatement(call)
            .WithTrailingTrivia(endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.ElasticCarriageReturnLineFeed);
        SyntaxNode added = anchor is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement;
        return document.WithSyntaxRoot(root.InsertNodesAfter(anchor, [added.WithAdditionalAnnotations(Formatter.Annotation)]));
    }
}
