using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// TS0001: a <c>[SessionState]</c> class, or a type it is nested in, is not declared <see langword="partial"/>, so the
/// generator cannot add its part. Reported once per class, on its name, naming every declaration that lacks
/// <see langword="partial"/> (the code fix adds it to all of them).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NotPartialAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.NotPartial];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        SessionStateDeclarations.RegisterSymbolAction(context, SymbolKind.NamedType, Analyze);
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol sessionStateAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (SessionStateDeclarations.GetSessionStateAttribute(type, sessionStateAttribute) is not { } attribute
            || SessionStateDeclarations.GetAttributedDeclaration(attribute, context.CancellationToken) is not { } declaration)
        {
            return;
        }

        var classIsPartial = declaration.Modifiers.Any(SyntaxKind.PartialKeyword);
        var containingTypes = declaration.Ancestors()
            .OfType<TypeDeclarationSyntax>()
            .Where(static parent => !parent.Modifiers.Any(SyntaxKind.PartialKeyword))
            .Reverse()
            .Select(static parent => parent.Identifier.ValueText)
            .ToList();
        if (classIsPartial && containingTypes.Count == 0)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.NotPartial,
            declaration.Identifier.GetLocation(),
            type.ToDisplayString(SymbolNames.TypeInMessage),
            DescribeMissing(classIsPartial, containingTypes)));
    }

    /// <summary><c>it</c>, <c>it and its containing type 'Outer'</c>, <c>its containing types 'A' and 'B'</c>.</summary>
    private static string DescribeMissing(bool classIsPartial, List<string> containingTypes)
    {
        var self = classIsPartial ? null : "it";
        if (containingTypes.Count == 0)
        {
            return self!;
        }

        var quoted = containingTypes.Select(static name => "'" + name + "'").ToList();
        var names = quoted.Count == 1 ? quoted[0] : string.Join(", ", quoted.Take(quoted.Count - 1)) + " and " + quoted[quoted.Count - 1];
        var containing = (quoted.Count == 1 ? "its containing type " : "its containing types ") + names;
        return self is null ? containing : self + " and " + containing;
    }
}
