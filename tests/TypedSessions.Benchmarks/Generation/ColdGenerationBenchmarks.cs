using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using TypedSessions.Generators;
using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Benchmarks.Generation;

/// <summary>
/// Cold generation for 1,000 <c>[SessionState]</c> classes of 10 properties, one class per file
/// (<see cref="ManyStateClassesInput"/>): a new driver over a new compilation, as a project's first build runs it.
/// The baseline is work the compiler does on the same project anyway: binding every file, the generated parts included
/// (<c>GetDiagnostics</c> on a new compilation). A generator that only finds the same classes through
/// <c>ForAttributeWithMetadataName</c> separates Roslyn's lookup from what TypedSessions' parser and emitter add.
/// </summary>
/// <remarks>
/// Sources are parsed once in setup, and each operation creates its compilation from those trees: no bound state
/// carries over between operations, while reference metadata is shared as it is between a build's projects.
/// </remarks>
[MemoryDiagnoser]
public class ColdGenerationBenchmarks
{
    private const int Classes = 1_000;

    private SyntaxTree[] _userTrees = null!;
    private SyntaxTree[] _userAndGeneratedTrees = null!;

    [GlobalSetup]
    public void Setup()
    {
        _userTrees = UserCompilation.Parse(ManyStateClassesInput.Create(Classes));
        _userAndGeneratedTrees = [.. UserCompilation.Generate(UserCompilation.Create(_userTrees), Classes).SyntaxTrees];
    }

    [Benchmark(Baseline = true)]
    public ImmutableArray<Diagnostic> Binding_user_and_generated_code() => UserCompilation.Create(_userAndGeneratedTrees).GetDiagnostics();

    [Benchmark]
    public GeneratorDriver Attribute_lookup_only() => UserCompilation.CreateDriver(new AttributeLookupOnlyGenerator()).RunGenerators(UserCompilation.Create(_userTrees));

    [Benchmark]
    public GeneratorDriver Cold_generation() => UserCompilation.CreateDriver(new SessionStateGenerator()).RunGenerators(UserCompilation.Create(_userTrees));
}
