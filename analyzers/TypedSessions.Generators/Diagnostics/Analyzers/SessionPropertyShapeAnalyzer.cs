using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// TS0002: a property of a <c>[SessionState]</c> class that is meant as a session value but is not declared as one
/// (<c>public partial T Name { get; set; }</c>, no body). Which properties count:
/// <list type="bullet">
/// <item>every partial property: a definition the generator cannot implement (static, indexer, by-ref, <c>init</c>,
/// a missing accessor), or one whose implementation the user wrote (it has a body, so nothing stores it);</item>
/// <item>every non-partial instance auto-property with a <c>set</c> or <c>init</c> accessor: data that silently lives
/// only as long as the request.</item>
/// </list>
/// Computed properties (<c>public int ItemCount =&gt; Lines.Sum(...)</c>), properties with accessor bodies, get-only
/// auto-properties, static non-partial properties, abstract and explicit interface properties are code, not session
/// values, and are left alone.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SessionPropertyShapeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// Set in <see cref="Diagnostic.Properties"/> when the declaration can be rewritten into a session value by adding
    /// <see langword="partial"/>, turning <c>init</c> into <c>set</c> and adding a missing accessor.
    /// </summary>
    public const string CanMakePartialProperty = "CanMakePartial";

    private static readonly ImmutableDictionary<string, string?> Fixable =
        ImmutableDictionary<string, string?>.Empty.Add(CanMakePartialProperty, "true");

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.NotPartialProperty];

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
        if (property.IsImplicitlyDeclared
            || property.IsAbstract
            || property.IsExtern
            || !property.ExplicitInterfaceImplementations.IsEmpty
            || SessionStateDeclarations.GetSessionStateAttribute(property.ContainingType, sessionStateAttribute) is null
            || property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is not BasePropertyDeclarationSyntax declaration)
        {
            return;
        }

        var (reason, fixable) = GetReason(property, declaration);
        if (reason is null)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.NotPartialProperty,
            SessionStateDeclarations.GetIdentifierLocation(property, context.CancellationToken),
            fixable ? Fixable : null,
            property.ContainingType.ToDisplayString(SymbolNames.TypeInMessage) + "." + (property.IsIndexer ? "this[]" : property.Name),
            reason));
    }

    private static (string? Reason, bool Fixable) GetReason(IPropertySymbol property, BasePropertyDeclarationSyntax declaration)
    {
        if (property.IsPartialDefinition)
        {
            // A hand-written implementation is reported on itself, where the body is.
            if (property.PartialImplementationPart is { } implementation && !SessionStateDeclarations.IsImplementedByGenerator(implementation))
            {
                return (null, false);
            }

            var shape = SessionProperties.GetShapeNotSupportedReason(property);
            return (shape, shape is not null && CanBeMadeSessionValue(property, declaration));
        }

        if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            // The implementing declaration of a partial property: the generator's is fine; the user's means nothing is
            // stored (without a definition the compiler reports it too).
            return SessionStateDeclarations.IsImplementedByGenerator(property)
                ? (null, false)
                : (NotSupportedMessages.HandWrittenImplementation, false);
        }

        if (!property.IsStatic && !property.IsIndexer && IsAutoProperty(declaration) && property.SetMethod is not null)
        {
            return (NotSupportedMessages.NotPartialProperty, CanBeMadeSessionValue(property, declaration));
        }

        return (null, false);
    }

    /// <summary>Whether the accessors can stay as they are, bodiless, with only keywords added or changed.</summary>
    private static bool CanBeMadeSessionValue(IPropertySymbol property, BasePropertyDeclarationSyntax declaration)
        => declaration is PropertyDeclarationSyntax { Initializer: null }
            && !property.IsStatic
            && !property.ReturnsByRef
            && !property.ReturnsByRefReadonly
            && IsAutoProperty(declaration);

    /// <summary><c>{ get; set; }</c>: accessors without bodies, no expression body on the property.</summary>
    private static bool IsAutoProperty(BasePropertyDeclarationSyntax declaration)
        => declaration is PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors }
            && accessors.Accessors.All(static accessor => accessor.Body is null && accessor.ExpressionBody is null);
}
