using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TypedSessions.Generators.Helpers;

/// <summary>How the generator spells symbols in generated code and in messages.</summary>
internal static class SymbolNames
{
    /// <summary><c>global::</c>-qualified, keywords for special types, nullable reference annotations kept.</summary>
    public static readonly SymbolDisplayFormat FullyQualified = SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(
        SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>A namespace as written after <c>namespace</c>: <c>Shop.Orders</c>, keywords escaped.</summary>
    public static readonly SymbolDisplayFormat Namespace = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>The way a C# developer reads a type in a message: <c>System.IO.Stream</c>, <c>string?</c>.</summary>
    public static readonly SymbolDisplayFormat Readable = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
            | SymbolDisplayMiscellaneousOptions.UseSpecialTypes
            | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>A class in a message: <c>Outer.Inner</c>, <c>Box&lt;T&gt;</c>.</summary>
    public static readonly SymbolDisplayFormat TypeInMessage = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

    public static string ToFullyQualified(this ITypeSymbol type) => type.ToDisplayString(FullyQualified);

    public static string ToReadable(this ITypeSymbol type) => type.ToDisplayString(Readable);

    /// <summary>Escapes an identifier that is a reserved keyword (<c>@class</c>).</summary>
    public static string EscapeIdentifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>
    /// Whether <paramref name="type"/> is the top-level type <paramref name="metadataName"/>, e.g.
    /// <c>System.Guid</c> or <c>System.Collections.Generic.List`1</c> (any type arguments).
    /// </summary>
    public static bool HasMetadataName(this ITypeSymbol type, string metadataName)
        => type is INamedTypeSymbol { ContainingType: null } named
            && metadataName.EndsWith(named.MetadataName, StringComparison.Ordinal)
            && metadataName.Length > named.MetadataName.Length
            && metadataName[metadataName.Length - named.MetadataName.Length - 1] == '.'
            && named.ContainingNamespace.ToDisplayString() == metadataName.Substring(0, metadataName.Length - named.MetadataName.Length - 1);

    /// <summary>Whether <paramref name="type"/> is <paramref name="metadataName"/> or derives from it.</summary>
    public static bool IsOrDerivesFrom(this ITypeSymbol type, string metadataName)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.HasMetadataName(metadataName))
            {
                return true;
            }
        }

        return false;
    }
}
