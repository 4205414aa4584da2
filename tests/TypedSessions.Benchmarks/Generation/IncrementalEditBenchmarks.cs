using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using TypedSessions.Generators;
using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Benchmarks.Generation;

/// <summary>
/// A re-run of a driver that has already generated 1,000 <c>[SessionState]</c> classes (<see cref="ManyStateClassesInput"/>),
/// after a one-character edit in one file, as an editor re-runs generators on a keystroke. Each operation toggles one
/// character of class 500's file (<see cref="OneCharacterEdits"/>), so every operation is a real edit: the file is
/// reparsed incrementally, replaced in the compilation, and the driver runs again; only that re-run is the work measured.
/// Two edits: a property name (<c>Visits</c> to <c>Visitz</c> and back), which changes that one class's generated file;
/// and a comment inside the class, which changes no output. The baseline is the same property edit under a generator
/// that only finds the classes (<see cref="AttributeLookupOnlyGenerator"/>): <c>ForAttributeWithMetadataName</c> runs
/// its transform again for every attributed class whenever the compilation changes, so that is Roslyn's floor.
/// </summary>
/// <remarks>
/// Setup checks with step tracking on that the property edit regenerates the edited class only, every other output
/// being cached, and prints how each step ran; <c>SessionStateGeneratorEditCacheTests</c> asserts the same on 50 classes.
/// </remarks>
[MemoryDiagnoser]
public class IncrementalEditBenchmarks
{
    private const int Classes = 1_000;
    private const int EditedClass = 500;

    private OneCharacterEdits _lookupOnlyEdits = null!;
    private OneCharacterEdits _propertyNameEdits = null!;
    private OneCharacterEdits _commentEdits = null!;

    [GlobalSetup]
    public void Setup()
    {
        var compilation = UserCompilation.Create(UserCompilation.Parse(ManyStateClassesInput.Create(Classes)));
        CheckOnlyEditedClassRegenerates(compilation);
        _lookupOnlyEdits = Start(new AttributeLookupOnlyGenerator(), compilation, ManyStateClassesInput.PropertyNameEdit);
        _propertyNameEdits = Start(new SessionStateGenerator(), compilation, ManyStateClassesInput.PropertyNameEdit);
        _commentEdits = Start(new SessionStateGenerator(), compilation, ManyStateClassesInput.CommentEdit);
    }

    [Benchmark(Baseline = true)]
    public GeneratorDriver Attribute_lookup_only_property_name_edit() => _lookupOnlyEdits.Next();

    [Benchmark]
    public GeneratorDriver Comment_edit() => _commentEdits.Next();

    [Benchmark]
    public GeneratorDriver Property_name_edit() => _propertyNameEdits.Next();

    private static OneCharacterEdits Start(IIncrementalGenerator generator, Compilation compilation, (string Before, string After) edit)
        => OneCharacterEdits.Start(UserCompilation.CreateDriver(generator), compilation, ManyStateClassesInput.FileOf(EditedClass), edit);

    private static void CheckOnlyEditedClassRegenerates(Compilation compilation)
    {
        var edits = OneCharacterEdits.Start(
            UserCompilation.CreateDriver(new SessionStateGenerator(), trackSteps: true),
            compilation,
            ManyStateClassesInput.FileOf(EditedClass),
            ManyStateClassesInput.PropertyNameEdit);
        var result = edits.Next().GetRunResult().Results.Single();

        // TrackedSteps holds the named steps and the source outputs.
        var steps = result.TrackedSteps
            .ToDictionary(static step => step.Key, static step => step.Value.SelectMany(static run => run.Outputs).CountBy(static output => output.Reason).ToDictionary());
        foreach (var (name, reasons) in steps)
        {
            Console.WriteLine($"// After the property name edit, step {name}: {string.Join(", ", reasons.Select(static reason => $"{reason.Value} {reason.Key}"))}");
        }

        var outputs = steps[WellKnownGeneratorOutputs.SourceOutput];
        if (outputs.GetValueOrDefault(IncrementalStepRunReason.Modified) != 1 || outputs.GetValueOrDefault(IncrementalStepRunReason.Cached) != Classes - 1)
        {
            throw new InvalidOperationException("The edit should regenerate one class and serve every other from the cache.");
        }
    }
}
