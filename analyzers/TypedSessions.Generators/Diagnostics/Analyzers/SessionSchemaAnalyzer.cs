using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSessions.Generators.Diagnostics.Schema;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// The stored keys against <c>SessionSchema.txt</c>, what the shipped app stores.
/// <list type="bullet">
/// <item>TS0201: a recorded key no property stores or reads as a former key any more (renamed or removed), so live
/// sessions keep a value nothing reads; reported at the file's line, with the property it most likely became.</item>
/// <item>TS0202: a property whose type cannot read what the file records for its key or a former key; reported at the
/// property.</item>
/// <item>TS0203: a stored key the file does not record yet; reported at the property, with the line to add.</item>
/// </list>
/// Keys come from the generator's own rules (<see cref="SessionKeyNames"/>), so the file and the generated code cannot
/// disagree. Without the file nothing runs.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SessionSchemaAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        [DiagnosticDescriptors.SchemaKeyNoLongerStored, DiagnosticDescriptors.SchemaTypeCannotBeRead, DiagnosticDescriptors.KeyNotInSchema];

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

            var stored = new ConcurrentBag<StoredProperty>();
            start.RegisterSymbolAction(context => Collect(context, sessionStateAttribute, stored), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(context => Report(context, schema, stored.ToList()));
        });
    }

    private static void Collect(SymbolAnalysisContext context, INamedTypeSymbol sessionStateAttribute, ConcurrentBag<StoredProperty> stored)
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
                var key = SessionKeyNames.GetKey(property, prefix);
                stored.Add(new StoredProperty(key, SessionKeyNames.GetFormerKeys(property, key), property.Type.ToReadable(), prefix, property.Name, location));
            }
        }
    }

    private static void Report(CompilationAnalysisContext context, SessionSchemaFile schema, IReadOnlyList<StoredProperty> stored)
    {
        // A key recorded twice is read by its first line.
        var recorded = new Dictionary<string, SessionSchemaEntry>(StringComparer.Ordinal);
        foreach (var entry in schema.Entries.Where(entry => !recorded.ContainsKey(entry.Key)))
        {
            recorded.Add(entry.Key, entry);
        }

        var recordedKeys = new HashSet<string>(recorded.Keys, StringComparer.Ordinal);
        var read = new HashSet<string>(stored.SelectMany(static property => property.FormerKeys.Add(property.Key)), StringComparer.Ordinal);
        foreach (var entry in schema.Entries.Where(entry => !read.Contains(entry.Key)))
        {
            ReportNoLongerStored(context, entry, RenamedPropertyGuess.Find(entry, stored, recordedKeys));
        }

        foreach (var property in stored)
        {
            foreach (var key in property.FormerKeys.Insert(0, property.Key))
            {
                if (recorded.TryGetValue(key, out var entry)
                    && !StoredTypeCompatibility.CanRead(SchemaType.Parse(entry.Type), property.ParsedType))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.SchemaTypeCannotBeRead, property.Location, property.Name, property.Type, entry.Type, key, SessionSchemaFile.FileName));
                }
            }

            if (!recordedKeys.Contains(property.Key))
            {
                var line = SessionSchemaFile.FormatLine(property.Key, property.Type);
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.KeyNotInSchema,
                    property.Location,
                    ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.SchemaLine, line),
                    property.Key,
                    SessionSchemaFile.FileName,
                    line));
            }
        }
    }

    // The guessed property goes with the diagnostic, as its additional location, for the fix that adds [FormerSessionKey].
    private static void ReportNoLongerStored(CompilationAnalysisContext context, SessionSchemaEntry entry, StoredProperty? renamedTo)
        => context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.SchemaKeyNoLongerStored,
            entry.Location,
            renamedTo is null ? [] : [renamedTo.Location],
            renamedTo is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.FormerKeyOf, renamedTo.Name).Add(DiagnosticProperties.FormerKey, entry.Key),
            entry.Key,
            SessionSchemaFile.FileName));
}
