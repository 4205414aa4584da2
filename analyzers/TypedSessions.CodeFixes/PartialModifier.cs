using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedSessions.CodeFixes;

/// <summary>
/// Adds <see langword="partial"/> as the last modifier, where C# requires it (right before <c>class</c>, <c>record</c>
/// or a property's type), keeping the user's modifier order and trivia.
/// </summary>
internal static class PartialModifier
{
    public static TypeDeclarationSyntax AddTo(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Count > 0)
        {
            return type.AddModifiers(Partial());
        }

        // With no modifier yet, 'partial' takes over the indentation (and comments) in front of the keyword.
        return type
            .WithKeyword(type.Keyword.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(Partial().WithLeadingTrivia(type.Keyword.LeadingTrivia)));
    }

    public static PropertyDeclarationSyntax AddTo(PropertyDeclarationSyntax property)
    {
        if (property.Modifiers.Count > 0)
        {
            return property.AddModifiers(Partial());
        }

        var typeStart = property.Type.GetFirstToken();
        return property
            .ReplaceToken(typeStart, typeStart.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(Partial().WithLeadingTrivia(typeStart.LeadingTrivia)));
    }

    private static SyntaxToken Partial() => SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
}
