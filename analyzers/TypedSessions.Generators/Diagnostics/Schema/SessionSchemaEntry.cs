using Microsoft.CodeAnalysis;

namespace TypedSessions.Generators.Diagnostics.Schema;

/// <summary>One line of <c>SessionSchema.txt</c>: the recorded key, its type as written, and where the line is.</summary>
internal sealed record SessionSchemaEntry(string Key, string Type, Location Location);
