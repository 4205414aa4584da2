using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedSessions.Generators;

/// <summary>
/// Which properties of a <c>[SessionState]</c> class are session values, and which of their declarations the
/// generator cannot implement. The generator, TS0002, TS0003 and TS0004 share these rules.
/// </summary>
internal static class SessionProperties
{
    /// <summary>
    /// Partial property definitions (from every part of the class) that no one has implemented yet. An instance
    /// property of a static class is one too: the compiler reports it once (CS0708) whether or not it is implemented,
    /// and only an implementation keeps CS9248 from joining it.
    /// </summary>
    public static IEnumerable<IPropertySymbol> GetPropertiesToImplement(INamedTypeSymbol type)
        => type.GetMembers()
            .OfType<IPropertySymbol>()
            .Where(IsToImplement);

    /// <summary>A partial definition without an implementation: the declaration the generator completes.</summary>
    public static bool IsToImplement(IPropertySymbol property)
        => property.IsPartialDefinition && property.PartialImplementationPart is null;

    /// <summary>Why a property's declaration (rather than its type) cannot be a session value, or <see langword="null"/>.</summary>
    public static string? GetShapeNotSupportedReason(IPropertySymbol property)
    {
        if (property.IsIndexer)
        {
            return NotSupportedMessages.Indexer;
        }

        if (property.IsStatic)
        {
            return NotSupportedMessages.StaticProperty;
        }

        if (property.ReturnsByRef || property.ReturnsByRefReadonly)
        {
            return NotSupportedMessages.RefReturn;
        }

        if (property.SetMethod is { IsInitOnly: true })
        {
            return NotSupportedMessages.InitAccessor;
        }

        if (property.GetMethod is null || property.SetMethod is null)
        {
            return NotSupportedMessages.MissingAccessor;
        }

        return null;
    }
}
