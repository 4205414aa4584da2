using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators;

/// <summary>
/// The stored key of each session property: what the generated accessors read and write, and what TS0004 compares.
/// </summary>
internal static class SessionKeyNames
{
    /// <summary>The attribute's prefix, or by default the class name with its containing types (<c>Outer.Inner</c>).</summary>
    public static string GetKeyPrefix(AttributeData sessionStateAttribute, INamedTypeSymbol type)
    {
        if (sessionStateAttribute.ConstructorArguments.Length == 1 && sessionStateAttribute.ConstructorArguments[0].Value is string prefix)
        {
            return prefix;
        }

        var names = new List<string>();
        for (var current = type; current is not null; current = current.ContainingType)
        {
            names.Insert(0, current.Name);
        }

        return string.Join(".", names);
    }

    /// <summary><c>[SessionKey("name")]</c> exactly, otherwise <c>{prefix}.{Property}</c>, or the bare name for an empty prefix.</summary>
    public static string GetKey(IPropertySymbol property, string keyPrefix)
    {
        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass?.HasMetadataName(TypeNames.SessionKeyAttribute) == true
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string { Length: > 0 } key)
            {
                return key;
            }
        }

        return keyPrefix.Length == 0 ? property.Name : keyPrefix + "." + property.Name;
    }

    /// <summary>
    /// The keys of <c>[FormerSessionKey("old")]</c>, in declaration order, without blanks, repeats or the property's own
    /// key: what generated code reads when the key is missing, and what the schema rules count as still read.
    /// </summary>
    public static ImmutableArray<string> GetFormerKeys(IPropertySymbol property, string key)
    {
        var formerKeys = ImmutableArray.CreateBuilder<string>();
        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass?.HasMetadataName(TypeNames.FormerSessionKeyAttribute) == true
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string { Length: > 0 } formerKey
                && formerKey != key
                && !formerKeys.Contains(formerKey))
            {
                formerKeys.Add(formerKey);
            }
        }

        return formerKeys.ToImmutable();
    }
}
