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
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace TypedSessions.CodeFixes;

/// <summary>
/// Fixes TS0201 for a rename: adds <c>[FormerSessionKey("old.key")]</c> to the property the analyzer found the key most
/// likely became (same class, a type that reads the recorded one, the closest name), so live sessions keep the value
/// and move it to the new key on their next save.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddFormerSessionKeyCodeFixer), DocumentKinds = [nameof(TextDocumentKind.AdditionalDocument)])]
[Shared]
public sealed class AddFormerSessionKeyCodeFixer : CodeFixProvider
{
    private const string AttributeName = "FormerSessionKey";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = [DiagnosticDescriptors.SchemaKeyNoLongerStoredId];

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var solution = context.TextDocument.Project.Solution;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.FormerKeyOf, out var property)
                && diagnostic.AdditionalLocations.FirstOrDefault() is { SourceTree: { } tree } location
                && solution.GetDocument(tree) is { } document
                && diagnostic.Properties.TryGetValue(DiagnosticProperties.FormerKey, out var formerKey)
                && formerKey is not null)
            {
                var title = $"Read '{formerKey}' as a former key of '{property}'";
                context.RegisterCodeFix(
                    CodeAction.Create(title, cancellationToken => AddAttributeAsync(document, location, formerKey, cancellationToken), equivalenceKey: title),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Solution> AddAttributeAsync(Document document, Location location, string formerKey, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(location.SourceSpan).FirstAncestorOrSelf<PropertyDeclarationSyntax>() is not { } declaration || model is null)
        {
            return document.Project.Solution;
        }

        // The short name where TypedSessions is imported (it is, wherever [SessionState] is written short), else qualified.
        var inScope = model.LookupNamespacesAndTypes(declaration.SpanStart, name: AttributeName + "Attribute").Any();
        var attribute = Attribute(
            ParseName(inScope ? AttributeName : "TypedSessions." + AttributeName),
            AttributeArgumentList(SingletonSeparatedList(AttributeArgument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(formerKey))))));
        var indentation = declaration.GetLeadingTrivia().LastOrDefault(static trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia));
        var list = AttributeList(SingletonSeparatedList(attribute)).WithTrailingTrivia(EndOfLine("\n"), indentation);

        // The attribute goes first, on its own line, after the property's comments and indentation.
        var attributeLists = declaration.AttributeLists;
        var withAttribute = attributeLists.Count == 0
            ? declaration.WithoutLeadingTrivia().WithAttributeLists(SingletonList(list.WithLeadingTrivia(declaration.GetLeadingTrivia())))
            : declaration.WithAttributeLists(attributeLists
                .Replace(attributeLists[0], attributeLists[0].WithLeadingTrivia(indentation))
                .Insert(0, list.WithLeadingTrivia(attributeLists[0].GetLeadingTrivia())));
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, withAttribute)).Project.Solution;
    }
}
