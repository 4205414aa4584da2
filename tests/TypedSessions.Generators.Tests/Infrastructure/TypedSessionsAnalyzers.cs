using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>
/// Every analyzer that ships in the generator assembly, found by reflection as the compiler finds them, so that tests
/// that run "all TypedSessions analyzers" pick up new rules without being edited.
/// </summary>
internal static class TypedSessionsAnalyzers
{
    public static ImmutableArray<DiagnosticAnalyzer> All()
        =>
        [
            .. typeof(SessionStateGenerator).Assembly.GetTypes()
                .Where(static type => type is { IsAbstract: false, IsClass: true }
                    && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                    && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
                .OrderBy(static type => type.Name, StringComparer.Ordinal)
                .Select(static type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!),
        ];
}
