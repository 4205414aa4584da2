using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace TypedSessions.Generators.Diagnostics.Schema;

/// <summary>One property the session stores, as the schema rules see it.</summary>
/// <param name="Key">Its stored key.</param>
/// <param name="FormerKeys">The keys of its <c>[FormerSessionKey]</c> attributes, read when its key is missing.</param>
/// <param name="Type">Its type as the schema writes it.</param>
/// <param name="KeyPrefix">Its class's key prefix, which tells the class of a recorded key.</param>
/// <param name="Name">The property's name.</param>
/// <param name="Location">Its identifier, where its diagnostics go.</param>
internal sealed record StoredProperty(string Key, ImmutableArray<string> FormerKeys, string Type, string KeyPrefix, string Name, Location Location)
{
    /// <summary><see cref="Type"/> read into its parts once, for every recorded type it is compared with.</summary>
    public SchemaType ParsedType { get; } = SchemaType.Parse(Type);
}
