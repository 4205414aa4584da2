using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>
/// The errors <c>dotnet build</c> prints for a compilation, in memory. The compiler reports in stages and stops after
/// the first that has an error: parse errors end the build before the generators run, and declaration errors (a
/// missing implementation, CS9248; a missing <c>partial</c>, CS0260) end it before the analyzers report. Errors in
/// method bodies (CS7036) do not stop it, and the analyzers' errors are printed with them. An IDE runs the analyzers
/// whatever the compiler says; this is what a command line and a CI log show.
/// </summary>
internal static class CommandLineBuild
{
    public static async Task<ImmutableArray<Diagnostic>> GetErrorsAsync(CSharpCompilation compilation)
    {
        var parseErrors = Errors(compilation.GetParseDiagnostics());
        if (!parseErrors.IsEmpty)
        {
            return parseErrors;
        }

        var generated = GeneratorRunner.Run(compilation).Output;
        var declarationErrors = Errors(generated.GetParseDiagnostics().AddRange(generated.GetDeclarationDiagnostics()));
        if (!declarationErrors.IsEmpty)
        {
            return declarationErrors;
        }

        return Errors(await generated.WithAnalyzers(TypedSessionsAnalyzers.All()).GetAllDiagnosticsAsync());
    }

    private static ImmutableArray<Diagnostic> Errors(ImmutableArray<Diagnostic> diagnostics)
        => [.. diagnostics.Where(static diagnostic => diagnostic.Severity == DiagnosticSeverity.Error)];
}
