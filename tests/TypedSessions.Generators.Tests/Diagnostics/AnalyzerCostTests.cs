using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSessions.Generators.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// Measures what the TypedSessions analyzers cost on a large project (500 [SessionState] classes, 2,000 methods that use
/// sessions) and prints a table per analyzer from Roslyn's own telemetry. Nothing is asserted about time, which
/// depends on the machine; the input is correct code, so any TS diagnostic here is a false positive and fails.
/// </summary>
public sealed class AnalyzerCostTests(ITestOutputHelper output)
{
    private const int StateClasses = 500;
    private const int Methods = 2_000;

    [Fact]
    public async Task Analyzer_time_on_500_classes_and_2000_methods_is_measured()
    {
        var analyzers = TypedSessionsAnalyzers.All();
        var compilation = GeneratorRunner.Run(LargeSessionInput.Create(StateClasses, Methods)).Output;

        // Binding is the compiler's work, not the analyzers': do it first, and warm the analyzers up on a small input.
        // One analysis thread, so that each analyzer's time is its own and not time spent waiting on another's binding.
        var compile = Stopwatch.StartNew();
        Assert.Empty(compilation.GetDiagnostics().Where(static diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
        compile.Stop();
        await Analyze(GeneratorRunner.Run(LargeSessionInput.Create(10, 20)).Output, analyzers);

        var wall = Stopwatch.StartNew();
        var result = await Analyze(compilation, analyzers);
        wall.Stop();

        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{StateClasses} [SessionState] classes, {Methods} methods, {compilation.SyntaxTrees.Count()} syntax trees (generated included)")
            .AppendLine(CultureInfo.InvariantCulture, $"compiler diagnostics (binding): {compile.ElapsedMilliseconds} ms; analyzer pass (wall, one thread): {wall.ElapsedMilliseconds} ms")
            .AppendLine("| analyzer | execution time (ms) | operation actions | operation block start actions | symbol actions |")
            .AppendLine("|---|---:|---:|---:|---:|");
        foreach (var analyzer in analyzers)
        {
            var telemetry = result.AnalyzerTelemetryInfo[analyzer];
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {analyzer.GetType().Name} | {telemetry.ExecutionTime.TotalMilliseconds:F1} | {telemetry.OperationActionsCount} | {telemetry.OperationBlockStartActionsCount} | {telemetry.SymbolActionsCount} |");
        }

        table.AppendLine(CultureInfo.InvariantCulture,
            $"| total | {analyzers.Sum(analyzer => result.AnalyzerTelemetryInfo[analyzer].ExecutionTime.TotalMilliseconds):F1} | | | |");
        output.WriteLine(table.ToString());

        Assert.Empty(result.GetAllDiagnostics().Where(static diagnostic => diagnostic.Id.StartsWith("TS", StringComparison.Ordinal)));
        Assert.Empty(result.GetAllDiagnostics().Where(static diagnostic => diagnostic.Id == "AD0001"));
    }

    private static Task<AnalysisResult> Analyze(Compilation compilation, System.Collections.Immutable.ImmutableArray<DiagnosticAnalyzer> analyzers)
        => compilation
            .WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]),
                onAnalyzerException: null,
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false))
            .GetAnalysisResultAsync(CancellationToken.None);
}
