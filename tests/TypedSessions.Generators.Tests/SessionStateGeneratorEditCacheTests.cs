using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Generators.Tests;

/// <summary>
/// In a project of 50 <c>[SessionState]</c> classes, one per file, a one-character edit in one file regenerates that
/// class at most: every step's output for the 49 others is served from the cache. This is what keeps an edit cheap in
/// a large project, and it breaks as soon as a pipeline step holds something that does not compare by value (a
/// Compilation, a symbol, a plain array in a model).
/// </summary>
public sealed class SessionStateGeneratorEditCacheTests
{
    private const int Classes = 50;
    private const int EditedClass = 17;

    private static readonly string[] HintNames = [.. Enumerable.Range(0, Classes).Select(ManyStateClassesInput.HintName)];

    [Fact]
    public void A_one_character_edit_of_a_property_name_regenerates_that_class_only()
    {
        var compilation = GeneratorRunner.CreateCompilation(ManyStateClassesInput.Create(Classes));
        var edited = Edit(compilation, EditedClass, ManyStateClassesInput.PropertyNameEdit);

        var (first, second) = RunTwice(compilation, edited);

        Assert.Equal(Classes, first.GeneratedSources.Length);
        IncrementalAssert.OnlyClassRegenerated(second, HintNames, ManyStateClassesInput.HintName(EditedClass), IncrementalStepRunReason.Modified, IncrementalStepRunReason.New);
        var regenerated = second.GeneratedSources.Single(source => source.HintName == ManyStateClassesInput.HintName(EditedClass)).SourceText.ToString();
        Assert.Contains("Visitz", regenerated, StringComparison.Ordinal);
        Assert.DoesNotContain("Visits", regenerated, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_character_edit_of_a_comment_in_a_class_keeps_every_output_cached()
    {
        var compilation = GeneratorRunner.CreateCompilation(ManyStateClassesInput.Create(Classes));
        var edited = Edit(compilation, EditedClass, ManyStateClassesInput.CommentEdit);

        var (_, second) = RunTwice(compilation, edited);

        // The edited class is read again (its file changed) but its model is equal, so nothing is written again.
        IncrementalAssert.OnlyClassRegenerated(second, HintNames, ManyStateClassesInput.HintName(EditedClass), IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        IncrementalAssert.SourceOutputs(second, IncrementalStepRunReason.Cached);
    }

    private static (GeneratorRunResult First, GeneratorRunResult Second) RunTwice(Compilation first, Compilation second)
    {
        var driver = GeneratorRunner.CreateDriver(GeneratorRunner.ParseOptions()).RunGenerators(first);
        var firstResult = driver.GetRunResult().Results.Single();
        driver = driver.RunGenerators(second);
        return (firstResult, driver.GetRunResult().Results.Single());
    }

    // The edit an editor makes: one character of the file's text changes and the tree is reparsed incrementally.
    private static Compilation Edit(Compilation compilation, int stateClass, (string Before, string After) edit)
    {
        var tree = compilation.SyntaxTrees.ElementAt(ManyStateClassesInput.FileOf(stateClass));
        var text = tree.GetText();
        var at = text.ToString().IndexOf(edit.Before, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{edit.Before}' is not in the file of class {stateClass}.");
        var offset = Enumerable.Range(0, edit.Before.Length).Single(i => edit.Before[i] != edit.After[i]);
        var change = new TextChange(new TextSpan(at + offset, 1), edit.After[offset].ToString());
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(text.WithChanges(change)));
    }
}
