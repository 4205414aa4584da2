using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedSessions.Benchmarks.Generation;

/// <summary>How the analyzer benchmarks run analyzers: on one thread, so each analyzer's time is its own work.</summary>
internal static class AnalysisOptions
{
    public static CompilationWithAnalyzersOptions OneThread(bool logAnalyzerExecutionTime = false)
        => new(
            new AnalyzerOptions([]),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: logAnalyzerExecutionTime,
            reportSuppressedDiagnostics: false);
}
