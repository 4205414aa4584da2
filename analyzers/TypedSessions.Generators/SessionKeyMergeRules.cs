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
            if (argument.Key == IdentityArgument && argument.Value.Value is string name)
            {
                identity = SymbolDisplay.FormatLiteral(name, quote: true);
            }
            else if (argument.Key == OnConflictArgument && argument.Value.Value is int value)
            {
                onConflict = ConflictMember(argument.Value.Type, value);
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

    // A value that names no member (a cast) is written as the cast, and the runtime rejects it with a clear exception.
    private static string ConflictMember(ITypeSymbol? enumType, int value)
    {
        var member = enumType?.GetMembers().OfType<IFieldSymbol>()
            .FirstOrDefault(field => field.HasConstantValue && Equals(field.ConstantValue, value));
        return member is null
            ? "(" + TypeNames.GlobalSessionConflict + ")" + value.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : TypeNames.GlobalSessionConflict + "." + member.Name;
    }
}
