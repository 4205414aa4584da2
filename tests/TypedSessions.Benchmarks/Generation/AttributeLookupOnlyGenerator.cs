using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace TypedSessions.Benchmarks.Generation;

/// <summary>
/// Finds the <c>[SessionState]</c> classes the way the TypedSessions generator does
/// (<c>ForAttributeWithMetadataName</c>) and writes nothing: the part of cold generation that is Roslyn's own.
/// </summary>
internal sealed class AttributeLookupOnlyGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var classes = context.SyntaxProvider.ForAttributeWithMetadataName(
            "TypedSessions.SessionStateAttribute",
            static (node, _) => node is ClassDeclarationSyntax,
            static (attributed, _) => attributed.TargetSymbol.Name);
        context.RegisterSourceOutput(classes, static (_, _) => { });
    }
}
