using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Benchmarks.Generation;

/// <summary>
/// What the TypedSessions analyzers cost, as a fraction of binding, on the input of <c>AnalyzerCostTests</c>
/// (<see cref="LargeSessionInput"/>: 500 <c>[SessionState]</c> classes and 2,000 methods that use sessions, with the
/// generated parts). Each operation works on a new clone of that compilation (a clone shares syntax trees and reference
/// metadata but no bound code), so nothing Roslyn caches carries over between operations. Three passes:
/// binding alone (<c>GetDiagnostics</c>, the baseline); <c>GetAnalyzerDiagnosticsAsync</c> with one analyzer that
/// subscribes to the same callbacks and does nothing (<see cref="DoesNothingAnalyzer"/>: the compiler's own cost of
/// running any such analyzer, such as building operation trees); and the same with every TypedSessions analyzer.
/// </summary>
/// <remarks>
/// The analysis passes bind the whole compilation too, so (TypedSessions − binding) / binding is what the rules add to
/// a build, and (TypedSessions − no-op) / binding is the rules' own work. Everything runs on one thread. The setup of
/// the TypedSessions pass prints Roslyn's per-analyzer execution times (<see cref="AnalyzerTelemetryTable"/>).
/// </remarks>
[MemoryDiagnoser]
public class AnalyzerCostBenchmarks
{
    private const int StateClasses = 500;
    private const int Methods = 2_000;
    private const int TelemetryRounds = 3;

    private readonly ImmutableArray<DiagnosticAnalyzer> _typedSessions = TypedSessionsAnalyzers.All();
    private readonly ImmutableArray<DiagnosticAnalyzer> _doesNothing = [new DoesNothingAnalyzer()];
    private CSharpCompilation _compilation = null!;

    [GlobalSetup(Targets = [nameof(Binding), nameof(No_op_analyzer)])]
    public void Setup()
        => _compilation = UserCompilation.Generate(UserCompilation.Create(UserCompilation.Parse(LargeSessionInput.Create(StateClasses, Methods))), StateClasses);

    [GlobalSetup(Target = nameof(TypedSessions_analyzers))]
    public async Task SetupWithTelemetryAsync()
    {
        Setup();
        Console.WriteLine(await AnalyzerTelemetryTable.MeasureAsync(_compilation, _typedSessions, TelemetryRounds));
    }

    [Benchmark(Baseline = true)]
    public ImmutableArray<Diagnostic> Binding() => _compilation.Clone().GetDiagnostics();

    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> No_op_analyzer() => Analyze(_doesNothing);

    [Benchmark]
    public Task<ImmutableArray<Diagnostic>> TypedSessions_analyzers() => Analyze(_typedSessions);

    private Task<ImmutableArray<Diagnostic>> Analyze(ImmutableArray<DiagnosticAnalyzer> analyzers)
        => _compilation.Clone().WithAnalyzers(analyzers, AnalysisOptions.OneThread()).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
}
