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
using Microsoft.CodeAnalysis.Simplification;
using TypedSessions.Generators.Diagnostics;

namespace TypedSessions.CodeFixes;

/// <summary>
/// Fixes TS0106: names <c>ISessionState&lt;T&gt;</c> in the <c>[SessionState]</c> class's declaration (the diagnostic's
/// additional location, often in another file than the endpoint), so the Request Delegate Generator sees it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeclareSessionStateInterfaceCodeFixer))]
[Shared]
public sealed class DeclareSessionStateInterfaceCodeFixer : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticDescriptors.HiddenFromRequestDelegateGeneratorId];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.AdditionalLocations.FirstOrDefault() is not { SourceTree: { } tree } classLocation
                || context.Document.Project.Solution.GetDocument(tree) is not { } classDocument)
            {
                continue;
            }

            var root = await tree.GetRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root.FindToken(classLocation.SourceSpan.Start).Parent is TypeDeclarationSyntax declaration)
            {
                var title = $"Declare '{declaration.Identifier.ValueText} : ISessionState<{declaration.Identifier.ValueText}>'";
                context.RegisterCodeFix(
                    CodeAction.Create(title, cancellationToken => DeclareAsync(classDocument, declaration, cancellationToken), equivalenceKey: nameof(DeclareSessionStateInterfaceCodeFixer)),
                    diagnostic);
            }
        }
    }

    private static async Task<Solution> DeclareAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var name = declaration.Identifier.ValueText;

        // Written in full and simplified against the file's usings by the code action.
        var baseType = SyntaxFactory.SimpleBaseType(
            SyntaxFactory.ParseTypeName($"global::TypedSessions.ISessionState<{name}>").WithAdditionalAnnotations(Simplifier.Annotation));
        var updated = declaration.BaseList is { } bases
            ? declaration.WithBaseList(bases
                .ReplaceNode(bases.Types.Last(), bases.Types.Last().WithoutTrailingTrivia())
                .AddTypes(baseType.WithTrailingTrivia(bases.Types.Last().GetTrailingTrivia())))
            : declaration
                .WithIdentifier(declaration.Identifier.WithoutTrivia().WithLeadingTrivia(declaration.Identifier.LeadingTrivia))
                .WithBaseList(SyntaxFactory.BaseList(
                        SyntaxFactory.Token(SyntaxKind.ColonToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
                        SyntaxFactory.SingletonSeparatedList<BaseTypeSyntax>(baseType))
                    .WithTrailingTrivia(declaration.Identifier.TrailingTrivia));
        return document.WithSyntaxRoot(root!.ReplaceNode(declaration, updated)).Project.Solution;
    }
}
