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
using TypedSessions.Generators.Diagnostics.Analyzers;

namespace TypedSessions.CodeFixes;

/// <summary>
/// Fixes TS0002 where the analyzer marked the property fixable: makes it a session value,
/// <c>public partial T Name { get; set; }</c>, by adding <see langword="partial"/>, turning <c>init</c> into
/// <c>set</c> and adding a missing <c>get</c> or <c>set</c>. Accessor modifiers (<c>private set</c>) are kept.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeSessionPropertyPartialCodeFixer))]
[Shared]
public sealed class MakeSessionPropertyPartialCodeFixer : CodeFixProvider
{
    private const string Title = "Make it a partial session property";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticDescriptors.NotPartialPropertyId];

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.ContainsKey(SessionPropertyShapeAnalyzer.CanMakePartialProperty)
                && root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent is PropertyDeclarationSyntax { AccessorList: not null } property)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, cancellationToken => FixAsync(context.Document, property, cancellationToken), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixAsync(Document document, PropertyDeclarationSyntax property, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root!.ReplaceNode(property, MakeSessionProperty(property)));
    }

    private static PropertyDeclarationSyntax MakeSessionProperty(PropertyDeclarationSyntax property)
    {
        var accessors = property.AccessorList!;
        var fixedAccessors = accessors.Accessors.Select(static accessor => accessor.IsKind(SyntaxKind.InitAccessorDeclaration)
            ? SyntaxFactory.AccessorDeclaration(SyntaxKind.SetAccessorDeclaration, accessor.AttributeLists, accessor.Modifiers, SyntaxFactory.Token(SyntaxKind.SetKeyword).WithTriviaFrom(accessor.Keyword), accessor.Body, accessor.ExpressionBody, accessor.SemicolonToken)
            : accessor).ToList();

        if (!fixedAccessors.Any(static accessor => accessor.IsKind(SyntaxKind.GetAccessorDeclaration)))
        {
            fixedAccessors.Insert(0, Accessor(SyntaxKind.GetAccessorDeclaration, SyntaxKind.GetKeyword));
        }

        if (!fixedAccessors.Any(static accessor => accessor.IsKind(SyntaxKind.SetAccessorDeclaration)))
        {
            fixedAccessors.Add(Accessor(SyntaxKind.SetAccessorDeclaration, SyntaxKind.SetKeyword));
        }

        var fixedProperty = property.WithAccessorList(accessors.WithAccessors(SyntaxFactory.List(fixedAccessors)));
        return fixedProperty.Modifiers.Any(SyntaxKind.PartialKeyword) ? fixedProperty : PartialModifier.AddTo(fixedProperty);
    }

    /// <summary><c>get;</c> or <c>set;</c> followed by a space, as in <c>{ get; set; }</c>.</summary>
    private static AccessorDeclarationSyntax Accessor(SyntaxKind kind, SyntaxKind keyword)
        => SyntaxFactory.AccessorDeclaration(kind)
            .WithKeyword(SyntaxFactory.Token(keyword))
            .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken).WithTrailingTrivia(SyntaxFactory.Space));
}
