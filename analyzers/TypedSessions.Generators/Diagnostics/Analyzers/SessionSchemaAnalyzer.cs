using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSessions.Generators.Diagnostics.Schema;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// The stored keys against <c>SessionSchema.txt</c>, what the shipped app stores. TS0201: a recorded key no property
/// stores any more (renamed or removed), so live sessions keep a value nothing reads; reported at the file's line.
/// TS0203: a stored key the file does not record yet; reported at the property. Keys come from the generator's own
/// rules (<see cref="SessionKeyNames"/>), so the file and the generated code cannot disagree. Without the file nothing
/// runs.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SessionSchemaAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [DiagnosticDescriptors.SchemaKeyNoLongerStored, DiagnosticDescriptors.KeyNotInSchema];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(TypeNames.SessionStateAttribute) is not { } sessionStateAttribute
                || SessionSchemaFile.Find(start.Options, start.CancellationToken) is not { } schema)
            {
                return;
            }

            var stored = new ConcurrentBag<StoredKey>();
            start.RegisterSymbolAction(context => Collect(context, sessionStateAttribute, stored), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(context => Report(context, schema, stored));
        });
    }

    private static void Collect(SymbolAnalysisContext context, INamedTypeSymbol sessionStateAttribute, ConcurrentBag<StoredKey> stored)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (SessionStateDeclarations.GetSessionStateAttribute(type, sessionStateAttribute) is not { } attribute)
        {
            return;
        }

        var prefix = SessionKeyNames.GetKeyPrefix(attribute, type);
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            if (SessionStateDeclarations.IsStoredSessionProperty(property, sessionStateAttribute)
                && SessionStateDeclarations.GetIdentifierLocation(property, context.CancellationToken) is { } location)
            {
                stored.Add(new StoredKey(SessionKeyNames.GetKey(property, prefix), property.Type.ToReadable(), location));
            }
        }
    }

    private static void Report(CompilationAnalysisContext context, SessionSchemaFile schema, ConcurrentBag<StoredKey> stored)
    {
        var storedKeys = stored.Select(static key => key.Key).ToImmutableHashSet(StringComparer.Ordinal);
        foreach (var entry in schema.Entries.Where(entry => !storedKeys.Contains(entry.Key)))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SchemaKeyNoLongerStored, entry.Location, entry.Key, SessionSchemaFile.FileName));
        }

        var recordedKeys = schema.Entries.Select(static entry => entry.Key).ToImmutableHashSet(StringComparer.Ordinal);
        foreach (var key in stored.Where(key => !recordedKeys.Contains(key.Key)))
        {
            var line = SessionSchemaFile.FormatLine(key.Key, key.Type);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.KeyNotInSchema,
                key.Location,
                ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.SchemaLine, line),
                key.Key,
                SessionSchemaFile.FileName,
                line));
        }
    }

    /// <summary>One stored key, its type as the schema writes it, and the property that stores it.</summary>
    private sealed record StoredKey(string Key, string Type, Location Location);
}
