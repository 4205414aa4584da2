using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedSessions.Benchmarks.Generation;

/// <summary>
/// Roslyn's own account of where analysis time goes (<c>logAnalyzerExecutionTime</c>): each analyzer's execution time,
/// median over a few passes on fresh clones after one to warm up, next to the median binding time of the same rounds.
/// It points at the rule to look at; the benchmark's own passes, without this logging, give the ratio.
/// </summary>
internal static class AnalyzerTelemetryTable
{
    public static async Task<string> MeasureAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, int rounds)
    {
        var binding = new List<double>();
        var perAnalyzer = analyzers.ToDictionary(static analyzer => analyzer, static _ => new List<double>());
        for (var round = -1; round < rounds; round++)
        {
            var time = Stopwatch.StartNew();
            compilation.Clone().GetDiagnostics();
            time.Stop();

            var result = await compilation.Clone()
                .WithAnalyzers(analyzers, AnalysisOptions.OneThread(logAnalyzerExecutionTime: true))
                .GetAnalysisResultAsync(CancellationToken.None);
            EnsureNoFalseAlarms(result.GetAllDiagnostics());
            if (round < 0)
            {
                continue;
            }

            binding.Add(time.Elapsed.TotalMilliseconds);
            foreach (var analyzer in analyzers)
            {
                perAnalyzer[analyzer].Add(result.AnalyzerTelemetryInfo[analyzer].ExecutionTime.TotalMilliseconds);
            }
        }

        var bindingMedian = Median(binding);
        var total = perAnalyzer.Values.Sum(Median);
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Analyzer telemetry, medians of {rounds} passes: binding {bindingMedian:F0} ms; all analyzers {total:F0} ms = {total / bindingMedian:F3}x binding")
            .AppendLine("| Analyzer | Execution time (ms) | Share of binding |")
            .AppendLine("|---|---:|---:|");
        foreach (var (analyzer, times) in perAnalyzer.OrderByDescending(static pair => Median(pair.Value)))
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"| {analyzer.GetType().Name} | {Median(times):F1} | {Median(times) / bindingMedian:F3}x |");
        }

        return table.AppendLine(CultureInfo.InvariantCulture, $"| total | {total:F1} | {total / bindingMedian:F3}x |").ToString();
    }

    // The input is correct code: a TypedSessions diagnostic on it is a false alarm, and AD0001 an analyzer that threw.
    private static void EnsureNoFalseAlarms(ImmutableArray<Diagnostic> diagnostics)
    {
        var wrong = diagnostics.Where(static diagnostic => diagnostic.Id.StartsWith("TS", StringComparison.Ordinal) || diagnostic.Id == "AD0001").Take(5).ToList();
        if (wrong.Count > 0)
        {
            throw new InvalidOperationException("The analyzers reported on correct code:\n" + string.Join("\n", wrong));
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
