using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators;

/// <summary>
/// How concurrent changes of a property's key merge, from <c>[SessionKey(Identity = …, OnConflict = …)]</c>: the
/// generated codec carries them (<c>SessionCodecs.WithMergeRules</c>) so the session knows them at commit.
/// </summary>
internal static class SessionKeyMergeRules
{
    public const string IdentityArgument = "Identity";
    public const string OnConflictArgument = "OnConflict";

    /// <summary><paramref name="codec"/> wrapped with the declared rules, or as it is when the attribute declares none.</summary>
    public static string WrapCodec(IPropertySymbol property, string codec)
    {
        if (FindAttribute(property) is not { } attribute)
        {
            return codec;
        }

        string? identity = null;
        string? onConflict = null;
        foreach (var argument in attribute.NamedArguments)
        {
            // A rule that cannot apply (TS0006) is left out, so the class still loads: an empty identity, or a policy
            // that is no member.
            if (argument.Key == IdentityArgument && argument.Value.Value is string { Length: > 0 } name)
            {
                identity = SymbolDisplay.FormatLiteral(name, quote: true);
            }
            else if (argument.Key == OnConflictArgument && argument.Value.Value is int value && ConflictMemberName(argument.Value.Type, value) is { } member)
            {
                onConflict = TypeNames.GlobalSessionConflict + "." + member;
            }
        }

        if (identity is null && onConflict is null)
        {
            return codec;
        }

        return TypeNames.GlobalSessionCodecs + ".WithMergeRules(" + codec + ", "
            + (identity ?? "null") + ", "
            + (onConflict ?? TypeNames.GlobalSessionConflict + ".LastWriterWins") + ")";
    }

    /// <summary>The property's <c>[SessionKey]</c>, if it has one.</summary>
    public static AttributeData? FindAttribute(IPropertySymbol property)
        => property.GetAttributes().FirstOrDefault(static attribute => attribute.AttributeClass?.HasMetadataName(TypeNames.SessionKeyAttribute) == true);

    /// <summary>The <c>SessionConflict</c> member whose value is <paramref name="value"/>, or null when none is.</summary>
    public static string? ConflictMemberName(ITypeSymbol? enumType, int value)
        => enumType?.GetMembers().OfType<IFieldSymbol>()
            .FirstOrDefault(field => field.HasConstantValue && Equals(field.ConstantValue, value))?.Name;
}
