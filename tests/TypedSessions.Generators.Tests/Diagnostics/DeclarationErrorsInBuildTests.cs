using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedSessions.Generators.Tests.Infrastructure;
using TypedSessions.Generators.Tests.Sources;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// Each declaration of <see cref="DeclarationShapes"/> on its own, with the generator and every TypedSessions
/// analyzer, as a command-line build reports it (<see cref="CommandLineBuild"/>): the TS error that explains it, or the
/// compiler error that names the fix, and never CS9248 for a property the generator could have implemented.
/// <see cref="DeclarationErrorsInDotnetBuildTests"/> checks the same catalogue with a real <c>dotnet build</c>.
/// </summary>
public sealed class DeclarationErrorsInBuildTests
{
    public static TheoryData<string> Shapes => [.. DeclarationShapes.All.Select(static shape => shape.Name)];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Build_shows_the_error_that_explains_the_declaration(string name)
    {
        var shape = DeclarationShapes.All.Single(shape => shape.Name == name);
        var languageVersion = shape.LanguageVersion is { } version && LanguageVersionFacts.TryParse(version, out var parsed) ? parsed : LanguageVersion.Latest;
        var file = CSharpSyntaxTree.ParseText(DeclarationShapes.File(shape), GeneratorRunner.ParseOptions().WithLanguageVersion(languageVersion), path: shape.Name + ".cs");

        var errors = await CommandLineBuild.GetErrorsAsync(GeneratorRunner.CreateCompilation([]).AddSyntaxTrees(file));

        var inFile = errors.Where(error => error.Location.SourceTree == file).ToList();
        var elsewhere = errors.Except(inFile).ToList();
        Assert.True(
            shape.Errors.Order().SequenceEqual(inFile.Select(static error => error.Id).Order()),
            $"Expected {string.Join(", ", shape.Errors)} in {shape.Name}.cs; the build shows:\n{string.Join("\n", errors)}");
        Assert.True(
            (shape.GeneratedErrors ?? []).Order().SequenceEqual(elsewhere.Select(static error => error.Id).Order()),
            $"Expected {string.Join(", ", shape.GeneratedErrors ?? [])} in generated files; the build shows:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public async Task Shapes_the_compiler_accepts_build_together_as_they_do_alone()
    {
        // The real build compiles them as one project: no shape may add an error to another (TS0004 across classes).
        var shapes = DeclarationShapes.All.Where(static shape => !shape.HasCompilerError && shape.LanguageVersion is null).ToList();
        var files = shapes.Select(static shape => CSharpSyntaxTree.ParseText(DeclarationShapes.File(shape), GeneratorRunner.ParseOptions(), path: shape.Name + ".cs"));

        var errors = await CommandLineBuild.GetErrorsAsync(GeneratorRunner.CreateCompilation([]).AddSyntaxTrees(files));

        Assert.Equal(
            shapes.SelectMany(static shape => shape.Errors.Select(id => shape.Name + ".cs " + id)).Order(),
            errors.Select(static error => error.Location.SourceTree?.FilePath + " " + error.Id).Order());
    }

    [Fact]
    public void Catalogue_names_are_unique_and_cover_every_declaration_rule()
    {
        Assert.Equal(DeclarationShapes.All.Count, DeclarationShapes.All.Select(static shape => shape.Name).Distinct().Count());
        foreach (var id in new[] { "TS0001", "TS0002", "TS0003", "TS0004", "TS0005" })
        {
            Assert.Contains(DeclarationShapes.All, shape => shape.Errors.Contains(id));
        }
    }
}
