using System.ComponentModel;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Generators.Tests;

/// <summary>
/// What generated code calls in the runtime is a contract: users' compiled assemblies hold those calls. Every runtime
/// member it reaches must be public, tracked in PublicAPI.*.txt, and, unless people use it by name too, hidden from
/// IntelliSense with <see cref="EditorBrowsableState.Never"/>.
/// </summary>
public sealed class GeneratedCodeApiContractTests
{
    // Types people write themselves: the session, the interface a class may name, the merge policies of [SessionKey].
    private static readonly HashSet<string> UsedByPeople =
    [
        "TypedSessions.Session",
        "TypedSessions.ISessionState<TSelf>",
        "TypedSessions.ISessionState<TSelf>.Session",
        "TypedSessions.SessionConflict",
        "TypedSessions.SessionConflict.LastWriterWins",
        "TypedSessions.SessionConflict.Sum",
        "TypedSessions.SessionConflict.Reject",
    ];

    [Fact]
    public void Runtime_members_generated_code_calls_are_public_tracked_and_hidden_unless_people_use_them()
    {
        var reached = RuntimeSymbolsReachedByGeneratedCode();
        var declaredApi = ReadDeclaredApi();

        // The cases cover every codec, the merge rules and former keys, so this list is the whole contract.
        Assert.Contains("TypedSessions.Session.GetValue<T>(string, TypedSessions.Serialization.SessionValueCodec<T>)", reached.Keys);
        Assert.Contains("TypedSessions.Session.GetValue<T>(string, System.ReadOnlySpan<string>, TypedSessions.Serialization.SessionValueCodec<T>, System.Func<T>)", reached.Keys);
        Assert.Contains("TypedSessions.Session.SetValue<T>(string, System.ReadOnlySpan<string>, T, TypedSessions.Serialization.SessionValueCodec<T>)", reached.Keys);
        Assert.Contains("TypedSessions.Serialization.SessionCodecs.WithMergeRules<T>(TypedSessions.Serialization.SessionValueCodec<T>, string?, TypedSessions.SessionConflict)", reached.Keys);

        var problems = new List<string>();
        foreach (var (name, symbol) in reached)
        {
            if (!IsPublicAllTheWayOut(symbol))
            {
                problems.Add($"{name} is not public");
            }

            if (!declaredApi.Any(line => line.Contains(TrackedName(symbol), StringComparison.Ordinal)))
            {
                problems.Add($"{name} is not in PublicAPI.Shipped.txt or PublicAPI.Unshipped.txt");
            }

            if (!UsedByPeople.Contains(name) && !IsHidden(symbol))
            {
                problems.Add($"{name} is shown in IntelliSense: mark it (or its type) [EditorBrowsable(EditorBrowsableState.Never)]");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static Dictionary<string, ISymbol> RuntimeSymbolsReachedByGeneratedCode()
    {
        var reached = new Dictionary<string, ISymbol>(StringComparer.Ordinal);
        foreach (var name in SourceCases.Supported.Cast<object[]>().Select(static row => (string)row[0]))
        {
            var output = GeneratorRunner.Run(SourceCases.Get(name));
            foreach (var tree in output.Output.SyntaxTrees.Except(output.Input.SyntaxTrees))
            {
                var model = output.Output.GetSemanticModel(tree);
                foreach (var node in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    if (model.GetSymbolInfo(node).Symbol?.OriginalDefinition is { } symbol
                        && symbol.ContainingAssembly?.Name == "TypedSessions"
                        && symbol.Kind is not SymbolKind.Namespace)
                    {
                        reached.TryAdd(symbol.ToDisplayString(), symbol);
                    }
                }
            }
        }

        return reached;
    }

    private static bool IsPublicAllTheWayOut(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHidden(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (current.GetAttributes().Any(static attribute =>
                attribute.AttributeClass?.ToDisplayString() == typeof(EditorBrowsableAttribute).FullName
                && attribute.ConstructorArguments is [{ Value: int state }]
                && state == (int)EditorBrowsableState.Never))
            {
                return true;
            }
        }

        return false;
    }

    // The PublicAPI files name a member by its containing type and name, e.g. "TypedSessions.Session.GetValue<T>(".
    private static string TrackedName(ISymbol symbol) => symbol switch
    {
        IMethodSymbol { MethodKind: MethodKind.PropertyGet } getter => getter.AssociatedSymbol!.ToDisplayString() + ".get",
        IMethodSymbol method => $"{method.ContainingType.ToDisplayString()}.{method.Name}"
            + (method.TypeParameters.IsEmpty ? "" : $"<{string.Join(", ", method.TypeParameters.Select(static parameter => parameter.Name))}>")
            + "(",
        IPropertySymbol property => property.ToDisplayString() + ".get",
        _ => symbol.ToDisplayString(),
    };

    private static List<string> ReadDeclaredApi()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", "TypedSessions");
        return [.. File.ReadAllLines(Path.Combine(folder, "PublicAPI.Shipped.txt")), .. File.ReadAllLines(Path.Combine(folder, "PublicAPI.Unshipped.txt"))];
    }
}
