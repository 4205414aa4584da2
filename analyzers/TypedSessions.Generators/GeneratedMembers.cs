using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedSessions.Generators;

/// <summary>
/// Tells the members this generator wrote from the user's. The generator never sees its own output, but the analyzers
/// run on the compilation that includes it: the shape rules must ignore the generated constructor, <c>__session</c>
/// field and property implementations to judge the class the user wrote.
/// </summary>
internal static class GeneratedMembers
{
    /// <summary>The generated files' paths contain the generator's full name (<c>{assembly}/{generator}/{hint}.g.cs</c>).</summary>
    private static readonly string GeneratorPathSegment = typeof(SessionStateGenerator).FullName!;

    /// <summary>Whether every declaration of <paramref name="symbol"/> is in this generator's output.</summary>
    public static bool IsGenerated(ISymbol symbol)
        => symbol.DeclaringSyntaxReferences.Length > 0
            && symbol.DeclaringSyntaxReferences.All(static reference => IsGeneratedTree(reference.SyntaxTree));

    /// <summary>Whether <paramref name="tree"/> is one of this generator's files.</summary>
    public static bool IsGeneratedTree(SyntaxTree tree) => tree.FilePath.Contains(GeneratorPathSegment);
}
