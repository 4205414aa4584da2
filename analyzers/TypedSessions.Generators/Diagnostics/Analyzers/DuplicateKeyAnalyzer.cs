using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// TS0004: two session values of the compilation use the same key, in one class or across classes: both store it, so
/// they overwrite each other, or one reads it as a former key (<c>[FormerSessionKey]</c>), so it moves the other's
/// value away. Keys come from the generator's own rules (<see cref="SessionKeyNames"/>) and compare ordinally, as the
/// session does. Every class is seen before anything is reported (compilation end); each later use is reported and
/// names the first, stored keys before former keys, then in source order.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DuplicateKeyAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.DuplicateKey];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(TypeNames.SessionStateAttribute) is not { } sessionStateAttribute)
            {
                return;
            }

            var keys = new ConcurrentBag<StoredKey>();
            start.RegisterSymbolAction(context => Collect(context, sessionStateAttribute, keys), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(context => Report(context, keys));
        });
    }

    private static void Collect(SymbolAnalysisContext context, INamedTypeSymbol sessionStateAttribute, ConcurrentBag<StoredKey> keys)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (SessionStateDeclarations.GetSessionStateAttribute(type, sessionStateAttribute) is not { } attribute)
        {
            return;
        }

        var prefix = SessionKeyNames.GetKeyPrefix(attribute, type);
        var className = type.ToDisplayString(SymbolNames.TypeInMessage);
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            // A static property is TS0002's and never stored, so it cannot collide.
            if (!property.IsStatic
                && SessionStateDeclarations.IsSessionProperty(property)
                && SessionStateDeclarations.GetIdentifierLocation(property, context.CancellationToken) is { } location)
            {
                var key = SessionKeyNames.GetKey(property, prefix);
                keys.Add(new StoredKey(key, className + "." + property.Name, location, IsFormer: false));
                foreach (var formerKey in SessionKeyNames.GetFormerKeys(property, key))
                {
                    keys.Add(new StoredKey(formerKey, className + "." + property.Name + " (former key)", location, IsFormer: true));
                }
            }
        }
    }

    private static void Report(CompilationAnalysisContext context, ConcurrentBag<StoredKey> keys)
    {
        foreach (var group in keys.GroupBy(static key => key.Key, StringComparer.Ordinal))
        {
            var inSourceOrder = group
                .OrderBy(static key => key.IsFormer)
                .ThenBy(static key => key.Location.SourceTree?.FilePath, StringComparer.Ordinal)
                .ThenBy(static key => key.Location.SourceSpan.Start)
                .ToList();
            var first = inSourceOrder[0];
            foreach (var duplicate in inSourceOrder.Skip(1))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateKey,
                    duplicate.Location,
                    duplicate.Property,
                    first.Property,
                    duplicate.Key));
            }
        }
    }

    /// <summary>A key one session value stores or reads as a former key, the property as a message names it, and where it is declared.</summary>
    private sealed record StoredKey(string Key, string Property, Location Location, bool IsFormer);
}
