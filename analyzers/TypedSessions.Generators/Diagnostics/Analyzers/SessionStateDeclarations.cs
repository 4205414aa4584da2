using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// What the declaration analyzers (TS0001–TS0006) need to know about a <c>[SessionState]</c> class beyond the
/// generator's shared rules: which class is one, which of its declarations carries the attribute, and which
/// partial properties the generator implements in this compilation.
/// </summary>
internal static class SessionStateDeclarations
{
    /// <summary>
    /// Runs <paramref name="analyze"/> on every symbol of <paramref name="kind"/> of a compilation that references the
    /// runtime (which defines <c>[SessionState]</c>), with that attribute's type.
    /// </summary>
    public static void RegisterSymbolAction(AnalysisContext context, SymbolKind kind, Action<SymbolAnalysisContext, INamedTypeSymbol> analyze)
        => context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(TypeNames.SessionStateAttribute) is { } sessionStateAttribute)
            {
                start.RegisterSymbolAction(symbol => analyze(symbol, sessionStateAttribute), kind);
            }
        });

    /// <summary>
    /// A property whose value the session stores: a session property (<see cref="IsSessionProperty"/>) of a
    /// <c>[SessionState]</c> class that is not static (static ones are TS0002's, never stored).
    /// </summary>
    public static bool IsStoredSessionProperty(IPropertySymbol property, INamedTypeSymbol sessionStateAttribute)
        => !property.IsStatic && IsSessionProperty(property) && GetSessionStateAttribute(property.ContainingType, sessionStateAttribute) is not null;

    /// <summary>The <c>[SessionState]</c> attribute of a class or record class, or <see langword="null"/>.</summary>
    public static AttributeData? GetSessionStateAttribute(INamedTypeSymbol type, INamedTypeSymbol sessionStateAttribute)
        => type.TypeKind == TypeKind.Class
            ? type.GetAttributes().FirstOrDefault(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, sessionStateAttribute))
            : null;

    /// <summary>The declaration the attribute is written on (the one the generator completes), or <see langword="null"/>.</summary>
    public static TypeDeclarationSyntax? GetAttributedDeclaration(AttributeData attribute, CancellationToken cancellationToken)
        => attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>();

    /// <summary>
    /// A session value: a partial property definition that the generator implements, that is, one with no
    /// implementation yet (the generator has not run) or with the generator's. Indexers are left to TS0002.
    /// </summary>
    public static bool IsSessionProperty(IPropertySymbol property)
        => property is { IsPartialDefinition: true, IsIndexer: false }
            && (property.PartialImplementationPart is null || IsImplementedByGenerator(property.PartialImplementationPart));

    /// <summary>Whether an implementing declaration is the generator's rather than the user's.</summary>
    public static bool IsImplementedByGenerator(IPropertySymbol implementation)
        => GeneratedMembers.IsGenerated(implementation);

    /// <summary>The identifier of a property declaration (or <c>this</c> of an indexer), where its diagnostics go.</summary>
    public static Location? GetIdentifierLocation(IPropertySymbol property, CancellationToken cancellationToken)
        => property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) switch
        {
            PropertyDeclarationSyntax declaration => declaration.Identifier.GetLocation(),
            IndexerDeclarationSyntax indexer => indexer.ThisKeyword.GetLocation(),
            _ => property.Locations.FirstOrDefault(),
        };
}
