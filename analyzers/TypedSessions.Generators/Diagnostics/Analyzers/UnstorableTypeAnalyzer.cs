using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// TS0003: the type of a session value cannot be kept in a session, by the generator's own classification
/// (<see cref="StorableTypes"/>): the generated accessors of such a property throw. Reported on the property's type.
/// Static properties and indexers are TS0002's (never stored, so their type does not matter), and a type that does
/// not resolve is the compiler's (CS0246) until it does.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnstorableTypeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.UnstorableType];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        SessionStateDeclarations.RegisterSymbolAction(context, SymbolKind.Property, Analyze);
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol sessionStateAttribute)
    {
        var property = (IPropertySymbol)context.Symbol;
        if (!SessionStateDeclarations.IsStoredSessionProperty(property, sessionStateAttribute)
            || ContainsErrorType(property.Type)
            || StorableTypes.GetNotStorableReason(property.Type) is not { } reason)
        {
            return;
        }

        var location = property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is BasePropertyDeclarationSyntax declaration
            ? declaration.Type.GetLocation()
            : property.Locations.FirstOrDefault();

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.UnstorableType,
            location,
            property.ContainingType.ToDisplayString(SymbolNames.TypeInMessage) + "." + property.Name,
            reason));
    }

    private static bool ContainsErrorType(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsErrorType) || (named.ContainingType is { } outer && ContainsErrorType(outer)),
        _ => false,
    };
}
