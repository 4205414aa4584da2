using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// TS0005: a <c>[SessionState]</c> class has a shape the generator cannot give its session plumbing (the generator's
/// own classification, <see cref="ClassShapes"/>), is file-local or nested in a file-local type (the generator skips
/// it), or is compiled as a C# version without partial properties. One diagnostic per reason, on the class name. A
/// missing <see langword="partial"/> on the class or a containing type is TS0001's, never reported here.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsupportedShapeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.UnsupportedShape];

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

        var location = declaration.Identifier.GetLocation();
        var className = type.ToDisplayString(SymbolNames.TypeInMessage);

        // Partial properties do not exist before C# 13: nothing else about the class matters until that changes.
        if (declaration.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp13 } options)
        {
            Report(NotSupportedMessages.LanguageVersion(options.LanguageVersion.ToDisplayString()));
            return;
        }

        if (ClassShapes.IsInFileLocalType(type))
        {
            Report(NotSupportedMessages.FileLocalClass);
        }

        foreach (var reason in ClassShapes.GetNotSupportedReasons(type, context.Compilation, context.CancellationToken))
        {
            Report(reason);
        }

        void Report(string reason)
            => context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedShape, location, className, reason));
    }
}
