using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// TS0006: a <c>[SessionKey]</c> merge rule that the property's type gives nothing to apply to: an <c>Identity</c>
/// that no element of the value's collections has, <c>OnConflict = Sum</c> on a value without numbers, or an
/// <c>OnConflict</c> that is no <c>SessionConflict</c> member. Reported on the attribute's argument.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MergeRuleMismatchAnalyzer : DiagnosticAnalyzer
{
    // Deep enough for a cart of lines of options; the walk stops at types it has seen.
    private const int MaxDepth = 4;

    private const int SumMember = 2;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.MergeRuleMismatch];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        SessionStateDeclarations.RegisterSymbolAction(context, SymbolKind.Property, Analyze);
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol sessionStateAttribute)
    {
        var property = (IPropertySymbol)context.Symbol;
        if (!SessionStateDeclarations.IsStoredSessionProperty(property, sessionStateAttribute)
            || SessionKeyMergeRules.FindAttribute(property) is not { } attribute)
        {
            return;
        }

        var name = property.ContainingType.ToDisplayString(SymbolNames.TypeInMessage) + "." + property.Name;
        foreach (var pair in attribute.NamedArguments)
        {
            var (argument, value) = (pair.Key, pair.Value);
            var problem = argument switch
            {
                SessionKeyMergeRules.IdentityArgument when value.Value is string identity => IdentityProblem(property.Type, identity),
                SessionKeyMergeRules.OnConflictArgument when value.Value is int policy => ConflictProblem(property.Type, value.Type, policy),
                _ => null,
            };
            if (problem is { } found)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.MergeRuleMismatch,
                    ArgumentLocation(attribute, argument, context) ?? property.Locations.FirstOrDefault(),
                    name,
                    found.Declared,
                    found.Consequence));
            }
        }
    }

    private static (string Declared, string Consequence)? IdentityProblem(ITypeSymbol type, string identity)
    {
        var declared = "Identity = \"" + identity + "\"";
        if (identity.Length == 0)
        {
            return (declared, "an empty name names no property; the rule is ignored");
        }

        var elements = ElementTypes(type);
        if (elements.Count == 0)
        {
            return (declared, $"'{type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}' holds no collection whose elements it could tell apart");
        }

        return elements.Any(element => HasJsonProperty(element, identity))
            ? null
            : (declared, $"the elements of its collections have no property '{identity}'; they are told apart by their whole value");
    }

    private static (string Declared, string Consequence)? ConflictProblem(ITypeSymbol type, ITypeSymbol? enumType, int policy)
    {
        if (SessionKeyMergeRules.ConflictMemberName(enumType, policy) is null)
        {
            return ("OnConflict = " + policy.ToString(CultureInfo.InvariantCulture), "that is no SessionConflict member; the rule is ignored");
        }

        return policy == SumMember && !HoldsNumber(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), 0)
            ? ("OnConflict = Sum", $"'{type.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}' holds no number; its conflicts are settled as LastWriterWins")
            : null;
    }

    /// <summary>The element types of every collection in the value: itself, or reached through properties.</summary>
    private static List<ITypeSymbol> ElementTypes(ITypeSymbol type)
    {
        var found = new List<ITypeSymbol>();
        CollectElementTypes(type, found, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default), 0);
        return found;
    }

    private static void CollectElementTypes(ITypeSymbol type, List<ITypeSymbol> found, HashSet<ITypeSymbol> seen, int depth)
    {
        type = Unwrap(type);
        if (depth > MaxDepth || !seen.Add(type))
        {
            return;
        }

        if (ElementTypeOf(type) is { } element)
        {
            found.Add(Unwrap(element));
            CollectElementTypes(element, found, seen, depth + 1);
            return;
        }

        foreach (var member in SerializedProperties(type))
        {
            CollectElementTypes(member.Type, found, seen, depth + 1);
        }
    }

    private static bool HoldsNumber(ITypeSymbol type, HashSet<ITypeSymbol> seen, int depth)
    {
        type = Unwrap(type);
        if (IsNumber(type))
        {
            return true;
        }

        if (depth > MaxDepth || !seen.Add(type))
        {
            return false;
        }

        if (ElementTypeOf(type) is { } element)
        {
            return HoldsNumber(element, seen, depth + 1);
        }

        if (DictionaryValueTypeOf(type) is { } value)
        {
            return HoldsNumber(value, seen, depth + 1);
        }

        return SerializedProperties(type).Any(member => HoldsNumber(member.Type, seen, depth + 1));
    }

    private static bool IsNumber(ITypeSymbol type) => type.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
        or SpecialType.System_Decimal;

    // Serialized as a JSON array: arrays and enumerables other than strings and dictionaries.
    private static ITypeSymbol? ElementTypeOf(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type.SpecialType == SpecialType.System_String || DictionaryValueTypeOf(type) is not null)
        {
            return null;
        }

        return EnumerableInterfaces(type, "System.Collections.Generic.IEnumerable`1").FirstOrDefault()?.TypeArguments[0];
    }

    private static ITypeSymbol? DictionaryValueTypeOf(ITypeSymbol type)
        => (EnumerableInterfaces(type, "System.Collections.Generic.IDictionary`2").FirstOrDefault()
            ?? EnumerableInterfaces(type, "System.Collections.Generic.IReadOnlyDictionary`2").FirstOrDefault())?.TypeArguments[1];

    private static IEnumerable<INamedTypeSymbol> EnumerableInterfaces(ITypeSymbol type, string metadataName)
    {
        if (type is INamedTypeSymbol named && named.OriginalDefinition.HasMetadataName(metadataName))
        {
            yield return named;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.OriginalDefinition.HasMetadataName(metadataName))
            {
                yield return implemented;
            }
        }
    }

    private static IEnumerable<IPropertySymbol> SerializedProperties(ITypeSymbol type)
    {
        if (type.SpecialType != SpecialType.None || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            yield break;
        }

        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (!member.IsStatic && !member.IsIndexer && member.DeclaredAccessibility == Accessibility.Public && member.GetMethod is not null)
                {
                    yield return member;
                }
            }
        }
    }

    // The JSON name: [JsonPropertyName] if present, else the C# name; the runtime matches either case-insensitively.
    private static bool HasJsonProperty(ITypeSymbol element, string identity)
        => SerializedProperties(element).Any(member =>
            string.Equals(JsonName(member), identity, StringComparison.OrdinalIgnoreCase)
            || string.Equals(member.Name, identity, StringComparison.OrdinalIgnoreCase));

    private static string JsonName(IPropertySymbol member)
        => member.GetAttributes()
            .FirstOrDefault(static attribute => attribute.AttributeClass?.HasMetadataName("System.Text.Json.Serialization.JsonPropertyNameAttribute") == true)
            ?.ConstructorArguments.FirstOrDefault().Value as string ?? member.Name;

    private static ITypeSymbol Unwrap(ITypeSymbol type)
        => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    private static Location? ArgumentLocation(AttributeData attribute, string argument, SymbolAnalysisContext context)
        => attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is AttributeSyntax { ArgumentList: { } arguments }
            ? arguments.Arguments.FirstOrDefault(syntax => syntax.NameEquals?.Name.Identifier.ValueText == argument)?.GetLocation()
            : null;
}
