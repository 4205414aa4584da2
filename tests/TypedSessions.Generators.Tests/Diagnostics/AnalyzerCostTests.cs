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
/// binding time (the compiler's own diagnostics pass on the same code). Nothing is asserted about time, which depends on
/// the machine; the input is correct code, so any TS diagnostic here is a false positive and fails.
/// </summary>
/// <remarks>
/// A callback's time is wall-clock, so a garbage collection or a lazily built compiler structure that happens to land in
/// it is charged to it: on a small machine one round can put 100 ms on any analyzer. So each round starts from a
/// collected heap, every pass is warmed up on the full input first, and the telemetry figures are medians per analyzer
/// over the rounds, summed. A second figure needs no telemetry: what the analysis pass with the TypedSessions analyzers
/// takes and allocates beyond the same pass with one analyzer that subscribes to the same kinds of callbacks and does
/// nothing (the compiler's own cost of running any such analyzer). Binding is the median of the same rounds.
/// </remarks>
public sealed class AnalyzerCostTests(ITestOutputHelper output)
{
    private const int StateClasses = 500;
    private const int Methods = 2_000;
    private const int WarmUpRounds = 2;
    private const int Rounds = 5;

    [Fact]
    public async Task Analyzer_time_on_500_classes_and_2000_methods_is_measured()
    {
        var analyzers = TypedSessionsAnalyzers.All();
        var sources = LargeSessionInput.Create(StateClasses, Methods);
        var compilation = GeneratorRunner.Run(sources).Output;
        Assert.Empty(compilation.GetDiagnostics().Where(static diagnostic => diagnostic.Severity == DiagnosticSeverity.Error));

        // Each round binds a clone, which shares the references' symbols but none of the bound code, as a build does
        // after its first project; then it analyzes another clone. One analysis thread, so that each analyzer's time is
        // its own and not time spent waiting on another's.
        var binding = new List<double>();
        var added = new List<double>();
        var addedBytes = new List<double>();
        var bindingBytes = new List<double>();
        var perAnalyzer = analyzers.ToDictionary(static analyzer => analyzer, static _ => new List<double>());
        var diagnostics = new List<Diagnostic>();
        for (var round = 0; round < WarmUpRounds + Rounds; round++)
        {
            var bind = await Measure(() => Task.FromResult(compilation.Clone().GetDiagnostics()));
            var nothing = await Measure(() => Analyze(compilation.Clone(), [new DoesNothingAnalyzer()]));
            var (pass, analysis) = await Measure(() => Analyze(compilation.Clone(), analyzers));
            diagnostics.AddRange(pass.GetAllDiagnostics());
            if (round < WarmUpRounds)
            {
                continue;
            }

            binding.Add(bind.Cost.Milliseconds);
            bindingBytes.Add(bind.Cost.Bytes);
            added.Add(analysis.Milliseconds - nothing.Cost.Milliseconds);
            addedBytes.Add(analysis.Bytes - nothing.Cost.Bytes);
            foreach (var analyzer in analyzers)
            {
                perAnalyzer[analyzer].Add(pass.AnalyzerTelemetryInfo[analyzer].ExecutionTime.TotalMilliseconds);
            }
        }

        var bindingMedian = Median(binding);
        var total = analyzers.Sum(analyzer => Median(perAnalyzer[analyzer]));
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{StateClasses} [SessionState] classes, {Methods} methods, {sources.Length} source files; medians of {Rounds} rounds after {WarmUpRounds} to warm up")
            .AppendLine(CultureInfo.InvariantCulture, $"binding (the compiler's diagnostics on a clone): {bindingMedian:F0} ms, {Median(bindingBytes) / 1e6:F0} MB allocated; rounds {Join(binding)}")
            .AppendLine(CultureInfo.InvariantCulture, $"added to an analysis pass beyond a do-nothing analyzer: {Median(added):F0} ms = {Median(added) / bindingMedian:F3}x binding (rounds {Join(added)}); {Median(addedBytes) / 1e6:F1} MB = {Median(addedBytes) / Median(bindingBytes):F3}x binding's allocations")
            .AppendLine(CultureInfo.InvariantCulture, $"all analyzers together by Roslyn's telemetry (sum of medians): {total:F0} ms = {total / bindingMedian:F3}x binding")
            .AppendLine("| analyzer | median (ms) | rounds (ms) |")
            .AppendLine("|---|---:|---|");
        foreach (var analyzer in analyzers)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {analyzer.GetType().Name} | {Median(perAnalyzer[analyzer]):F1} | {Join(perAnalyzer[analyzer])} |");
        }

        table.AppendLine(CultureInfo.InvariantCulture, $"| total | {total:F1} | |");
        output.WriteLine(table.ToString());

        Assert.DoesNotContain(diagnostics, static diagnostic => diagnostic.Id.StartsWith("TS", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, static diagnostic => diagnostic.Id == "AD0001");
    }

    // Wall time and bytes allocated by the whole process, from a collected heap.
    private static async Task<(T Result, (double Milliseconds, double Bytes) Cost)> Measure<T>(Func<Task<T>> pass)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var time = Stopwatch.StartNew();
        var result = await pass();
        time.Stop();
        return (result, (time.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - bytes));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Join(List<double> values) => string.Join(" ", values.Select(static value => value.ToString("F0", CultureInfo.InvariantCulture)));

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
