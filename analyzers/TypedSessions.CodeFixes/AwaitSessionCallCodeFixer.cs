using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;
using TypedSessions.Generators.Diagnostics;

namespace TypedSessions.CodeFixes;

/// <summary>
/// Fixes TS0104: replaces <c>call.Result</c>, <c>call.Wait()</c> or <c>call.GetAwaiter().GetResult()</c> with
/// <c>await call</c> (keeping <c>ConfigureAwait</c>, dropping <c>AsTask</c>). Offered only in a function that is already
/// async: making a synchronous method async changes its signature and every caller, which is the user's decision.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AwaitSessionCallCodeFixer))]
[Shared]
public sealed class AwaitSessionCallCodeFixer : CodeFixProvider
{
    private const string Title = "Await the session call";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticDescriptors.SyncOverAsyncLoadId];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.CanAwait) && diagnostic.AdditionalLocations.Count == 1)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        cancellationToken => AwaitAsync(context.Document, diagnostic.Location.SourceSpan, diagnostic.AdditionalLocations[0].SourceSpan, cancellationToken),
                        Title),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> AwaitAsync(Document document, TextSpan blockingSpan, TextSpan awaitedSpan, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(blockingSpan, getInnermostNodeForTie: true) is not ExpressionSyntax blocking
            || root.FindNode(awaitedSpan, getInnermostNodeForTie: true) is not ExpressionSyntax awaited)
        {
            return document;
        }

        // Parenthesized where the result is used (session.Result.Set(...)); the simplifier drops needless parentheses.
        var awaitExpression = SyntaxFactory.AwaitExpression(awaited.WithoutTrivia());
        ExpressionSyntax replacement = blocking.Parent is ExpressionStatementSyntax
            ? awaitExpression
            : SyntaxFactory.ParenthesizedExpression(awaitExpression).WithAdditionalAnnotations(Simplifier.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(blocking, replacement.WithTriviaFrom(blocking).WithAdditionalAnnotations(Formatter.Annotation)));
    }
}
