using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// TS0106: a minimal API handler (<c>MapGet</c>, <c>MapPost</c>, …) takes a <c>[SessionState]</c> class as a parameter
/// in a project where the Request Delegate Generator writes the endpoints, and the class does not name
/// <c>ISessionState&lt;T&gt;</c> in code the user wrote. Generators do not see each other's output, so the Request
/// Delegate Generator cannot tell that the class binds itself from the session, and reads it from the request body.
/// The diagnostic's additional location is the class's <c>[SessionState]</c> declaration, for the code fix.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HiddenFromRequestDelegateGeneratorAnalyzer : DiagnosticAnalyzer
{
    // The SDK lists this namespace in the compiler's InterceptorsNamespaces feature exactly when the generator is on.
    private const string RequestDelegateGeneratorNamespace = "Microsoft.AspNetCore.Http.Generated";
    private const string EndpointRouteBuilderExtensions = "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.HiddenFromRequestDelegateGenerator];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var compilation = start.Compilation;
            if (!RequestDelegateGeneratorIsOn(compilation)
                || compilation.GetTypeByMetadataName(TypeNames.SessionStateAttribute) is not { } sessionStateAttribute
                || compilation.GetTypeByMetadataName(EndpointRouteBuilderExtensions) is not { } mapMethods)
            {
                return;
            }

            start.RegisterOperationAction(
                operation =>
                {
                    var invocation = (IInvocationOperation)operation.Operation;
                    if (SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, mapMethods))
                    {
                        AnalyzeHandlers(operation, invocation, sessionStateAttribute);
                    }
                },
                OperationKind.Invocation);
        });
    }

    private static bool RequestDelegateGeneratorIsOn(Compilation compilation)
    {
        var features = compilation.SyntaxTrees.FirstOrDefault()?.Options.Features;
        if (features is null)
        {
            return false;
        }

        foreach (var name in new[] { "InterceptorsNamespaces", "InterceptorsPreviewNamespaces" })
        {
            if (features.TryGetValue(name, out var namespaces) && namespaces.Split(';').Contains(RequestDelegateGeneratorNamespace))
            {
                return true;
            }
        }

        return false;
    }

    private static void AnalyzeHandlers(OperationAnalysisContext context, IInvocationOperation map, INamedTypeSymbol sessionStateAttribute)
    {
        foreach (var argument in map.Arguments)
        {
            var value = argument.Value is IConversionOperation conversion ? conversion.Operand : argument.Value;
            var handler = value is IDelegateCreationOperation creation
                ? creation.Target switch
                {
                    IAnonymousFunctionOperation lambda => lambda.Symbol,
                    IMethodReferenceOperation method => method.Method,
                    _ => null,
                }
                : null;
            if (handler is null)
            {
                continue;
            }

            foreach (var parameter in handler.Parameters)
            {
                if (parameter.Type is INamedTypeSymbol type
                    && type.GetAttributes().Any(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, sessionStateAttribute))
                    && FindDeclarationToFix(type, context.CancellationToken) is { } declaration)
                {
                    var location = parameter.Locations.FirstOrDefault(static location => location.IsInSource) ?? argument.Syntax.GetLocation();
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.HiddenFromRequestDelegateGenerator,
                        location,
                        [declaration.Identifier.GetLocation()],
                        parameter.Name,
                        type.Name));
                }
            }
        }
    }

    /// <summary>
    /// The user's declaration to add the interface to, or <see langword="null"/> when one already names it (or the
    /// class is not in source). Read from syntax, as the Request Delegate Generator reads the class: a base list entry
    /// <c>ISessionState&lt;Name&gt;</c>, qualified or not.
    /// </summary>
    private static TypeDeclarationSyntax? FindDeclarationToFix(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        TypeDeclarationSyntax? first = null;
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (GeneratedMembers.IsGeneratedTree(reference.SyntaxTree) || reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            first ??= declaration;
            if (declaration.BaseList?.Types.Any(baseType => NamesSessionState(baseType.Type, type.Name)) == true)
            {
                return null;
            }
        }

        return first;
    }

    private static bool NamesSessionState(TypeSyntax baseType, string typeName)
        => RightmostName(baseType) is GenericNameSyntax { Identifier.ValueText: "ISessionState" } generic
        && generic.TypeArgumentList.Arguments.Count == 1
        && RightmostName(generic.TypeArgumentList.Arguments[0])?.Identifier.ValueText == typeName;

    // The last simple name of a possibly qualified one: Cart of Shop.Cart or global::Shop.Cart.
    private static SimpleNameSyntax? RightmostName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right,
        AliasQualifiedNameSyntax aliased => aliased.Name,
        SimpleNameSyntax simple => simple,
        _ => null,
    };
}
