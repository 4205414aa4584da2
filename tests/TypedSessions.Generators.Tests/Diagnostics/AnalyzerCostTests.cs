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
/// sessions) and prints a table per analyzer from Roslyn's own telemetry, and the analyzers' total as a fraction of
/// binding time (the compiler's own diagnostics pass on the same compilation), each the median of five rounds.
/// Nothing is asserted about time, which depends on the machine; the input is correct code, so any TS diagnostic here
/// is a false positive and fails.
/// </summary>
public sealed class AnalyzerCostTests(ITestOutputHelper output)
{
    private const int StateClasses = 500;
    private const int Methods = 2_000;
    private const int Rounds = 5;

    [Fact]
    public async Task Analyzer_time_on_500_classes_and_2000_methods_is_measured()
    {
        var analyzers = TypedSessionsAnalyzers.All();
        var sources = LargeSessionInput.Create(StateClasses, Methods);

        // Binding is the compiler's work, not the analyzers': do it first, and warm the analyzers up on a small input.
        // One analysis thread, so that each analyzer's time is its own and not time spent waiting on another's binding.
        // Each round is a new compilation, bound once as a build does (with its references' symbols) and once more as
        // a clone that shares those symbols: the second figure is binding alone.
        var warmUp = GeneratorRunner.Run(LargeSessionInput.Create(10, 20)).Output;
        _ = warmUp.GetDiagnostics();
        await Analyze(warmUp, analyzers);

        var firstPass = new List<double>();
        var rebinding = new List<double>();
        var analysis = new List<(double Total, long Wall, AnalysisResult Result)>();
        for (var round = 0; round < Rounds; round++)
        {
            var compilation = GeneratorRunner.Run(sources).Output;
            var compile = Stopwatch.StartNew();
            Assert.Empty(compilation.GetDiagnostics().Where(static diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));
            firstPass.Add(compile.Elapsed.TotalMilliseconds);

            var clone = compilation.Clone();
            compile.Restart();
            _ = clone.GetDiagnostics();
            rebinding.Add(compile.Elapsed.TotalMilliseconds);

            var wall = Stopwatch.StartNew();
            var pass = await Analyze(compilation, analyzers);
            wall.Stop();
            analysis.Add((analyzers.Sum(analyzer => pass.AnalyzerTelemetryInfo[analyzer].ExecutionTime.TotalMilliseconds), wall.ElapsedMilliseconds, pass));
        }

        var firstPassMedian = Median(firstPass);
        var rebindingMedian = Median(rebinding);
        var (total, wallMedian, result) = analysis.OrderBy(static round => round.Total).ElementAt(Rounds / 2);
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{StateClasses} [SessionState] classes, {Methods} methods, {sources.Length} source files; medians of {Rounds} rounds")
            .AppendLine(CultureInfo.InvariantCulture, $"compiler diagnostics: first pass {firstPassMedian:F0} ms, re-binding a clone {rebindingMedian:F0} ms; analyzer pass (wall, one thread) {wallMedian} ms")
            .AppendLine(CultureInfo.InvariantCulture, $"all analyzers together: {total:F0} ms = {total / firstPassMedian:F3}x the first pass, {total / rebindingMedian:F3}x re-binding")
            .AppendLine("| analyzer | execution time (ms) | operation actions | operation block start actions | symbol actions |")
            .AppendLine("|---|---:|---:|---:|---:|");
        foreach (var analyzer in analyzers)
        {
            var telemetry = result.AnalyzerTelemetryInfo[analyzer];
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {analyzer.GetType().Name} | {telemetry.ExecutionTime.TotalMilliseconds:F1} | {telemetry.OperationActionsCount} | {telemetry.OperationBlockStartActionsCount} | {telemetry.SymbolActionsCount} |");
        }

        table.AppendLine(CultureInfo.InvariantCulture, $"| total | {total:F1} | | | |");
        output.WriteLine(table.ToString());

        var diagnostics = analysis.SelectMany(static round => round.Result.GetAllDiagnostics()).ToList();
        Assert.DoesNotContain(diagnostics, static diagnostic => diagnostic.Id.StartsWith("TS", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, static diagnostic => diagnostic.Id == "AD0001");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

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
