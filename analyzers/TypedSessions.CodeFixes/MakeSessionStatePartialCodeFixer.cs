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
using TypedSessions.Generators.Diagnostics;

namespace TypedSessions.CodeFixes;

/// <summary>
/// Fixes TS0001: adds <see langword="partial"/> to the <c>[SessionState]</c> class and to every type it is nested in
/// that lacks it, in one edit.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeSessionStatePartialCodeFixer))]
[Shared]
public sealed class MakeSessionStatePartialCodeFixer : CodeFixProvider
{
    private const string Title = "Make the [SessionState] class partial";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticDescriptors.NotPartialId];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is TypeDeclarationSyntax declaration)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, cancellationToken => MakePartialAsync(context.Document, declaration, cancellationToken), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> MakePartialAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var missing = declaration.AncestorsAndSelf()
            .OfType<TypeDeclarationSyntax>()
            .Where(static type => !type.Modifiers.Any(SyntaxKind.PartialKeyword))
            .ToList();

        // ReplaceNodes hands each rewrite the already rewritten nested types.
        var newRoot = root!.ReplaceNodes(missing, static (_, rewritten) => PartialModifier.AddTo(rewritten));
        return document.WithSyntaxRoot(newRoot);
    }
}
