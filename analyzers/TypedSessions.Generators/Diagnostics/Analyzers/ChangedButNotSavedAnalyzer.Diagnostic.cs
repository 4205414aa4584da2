using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSessions.Generators.Diagnostics.Usage;
using TypedSessions.Generators.Diagnostics.Usage.Flow;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

public sealed partial class ChangedButNotSavedAnalyzer
{
    /// <summary>
    /// The diagnostic on the last unsaved change. When the fix can add <c>await session.SaveAsync()</c> (the variable is
    /// a <c>Session</c> and the function is async), the properties name the variable and a cancellation token, and the
    /// additional location is the statement to add it after: the one, among the statements of the block that declares
    /// the session, that holds the change.
    /// </summary>
    private static Diagnostic CreateDiagnostic(FunctionGraph function, RootFacts root, OperationSite lastChange, SessionSymbols symbols)
    {
        var name = root.Symbol.Name;
        var isSession = root.Symbol is ILocalSymbol { Type: var type } && SessionSymbols.Is(type, symbols.Session);
        var properties = ImmutableDictionary<string, string?>.Empty;
        var additionalLocations = ImmutableArray<Location>.Empty;
        if (isSession
            && function.Symbol is { } method
            && (method.IsAsync || method.Name == "<Main>$")
            && InsertionAnchor(root, lastChange) is { } anchor)
        {
            properties = properties.Add(DiagnosticProperties.SessionVariable, SymbolNames.EscapeIdentifier(name));
            var tokens = method.Parameters.Where(parameter => SessionSymbols.Is(parameter.Type, symbols.CancellationToken)).ToList();
            if (tokens.Count == 1)
            {
                properties = properties.Add(DiagnosticProperties.CancellationToken, SymbolNames.EscapeIdentifier(tokens[0].Name));
            }

            additionalLocations = [anchor.GetLocation()];
        }

        return Diagnostic.Create(
            DiagnosticDescriptors.ChangedButNotSaved,
            lastChange.Operation.Syntax.GetLocation(),
            additionalLocations,
            properties,
            name,
            isSession ? $"await {name}.SaveAsync()" : "keep the session it views in a variable and await its SaveAsync()");
    }

    private static SyntaxNode? InsertionAnchor(RootFacts root, OperationSite change)
    {
        if (root.Definitions.Count == 0 || root.Definitions[0].Operation.Syntax.FirstAncestorOrSelf<StatementSyntax>() is not { } declaration)
        {
            return null;
        }

        // Top-level statements sit in GlobalStatementSyntax nodes of the compilation unit.
        var container = declaration.Parent is GlobalStatementSyntax global ? global.Parent : declaration.Parent;
        foreach (var node in change.Operation.Syntax.AncestorsAndSelf())
        {
            if (node.Parent == container)
            {
                return node is StatementSyntax or GlobalStatementSyntax && node.SpanStart >= declaration.SpanStart ? node : null;
            }
        }

        return null;
    }
}
