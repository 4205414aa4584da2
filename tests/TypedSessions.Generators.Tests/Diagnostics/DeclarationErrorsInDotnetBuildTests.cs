using System.Text.RegularExpressions;
using TypedSessions.Generators.Tests.Infrastructure;
using TypedSessions.Generators.Tests.Sources;
using Xunit.Abstractions;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// Every declaration of <see cref="DeclarationShapes"/> through a real <c>dotnet build</c>, with the generator and the
/// analyzers referenced as a project does it: the output has the TS error that explains each shape, or the compiler
/// error that names the fix, and never CS9248 for a property the generator could implement. A declaration error in one
/// file stops the compiler before any analyzer reports, for the whole project, so the shapes are built in three
/// projects of one solution, in one build: those the compiler accepts, those it rejects, and the one that needs C# 12.
/// Slow (one build of three small projects, 20–60 s).
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class DeclarationErrorsInDotnetBuildTests(ITestOutputHelper output) : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(240);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedsessions-shapes-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Build_output_has_the_error_that_explains_each_declaration_and_no_CS9248_it_could_avoid()
    {
        var projects = DeclarationShapes.All
            .GroupBy(static shape => shape.LanguageVersion is not null ? "CSharp" + shape.LanguageVersion : shape.HasCompilerError ? "Rejected" : "Analyzed")
            .ToList();
        foreach (var project in projects)
        {
            WriteProject(project.Key, project.First().LanguageVersion, project);
        }

        File.WriteAllText(Path.Combine(_root, "Shapes.slnx"), $"""
            <Solution>
            {string.Join("\n", projects.Select(static project => $"  <Project Path=\"{project.Key}/{project.Key}.csproj\" />"))}
            </Solution>
            """);

        // The test project's build has built the generator and the runtime: use them as they are.
        var (exitCode, stdout, stderr) = await DotnetCommand.RunAsync(
            output,
            _root,
            ["build", "Shapes.slnx", "-c", Configuration, "-p:BuildProjectReferences=false", "--disable-build-servers"],
            ProcessTimeout);
        var errors = ErrorLine().Matches(stdout + stderr)
            .Select(static match => (Path: match.Groups["path"].Value.Replace('\\', '/'), Id: match.Groups["id"].Value, Line: match.Value.Trim()))
            .DistinctBy(static error => error.Line)
            .ToList();

        Assert.NotEqual(0, exitCode);
        foreach (var project in projects)
        {
            foreach (var shape in project)
            {
                var inFile = errors.Where(error => error.Path.EndsWith($"/{project.Key}/{shape.Name}.cs", StringComparison.Ordinal)).ToList();
                Assert.True(
                    shape.Errors.Order().SequenceEqual(inFile.Select(static error => error.Id).Order()),
                    $"{shape.Name}.cs: expected {string.Join(", ", shape.Errors)}, the build shows:\n{string.Join("\n", inFile.Select(static error => error.Line))}");
            }

            var generated = errors.Where(error => error.Path.Contains($"/{project.Key}/obj/", StringComparison.Ordinal)).Select(static error => error.Id);
            Assert.Equal(project.SelectMany(static shape => shape.GeneratedErrors ?? []).Order(), generated.Order());
        }

        // Nothing else: no error without a file, and none in a file the catalogue does not expect.
        Assert.Equal(
            DeclarationShapes.All.Sum(static shape => shape.Errors.Length + (shape.GeneratedErrors?.Length ?? 0)),
            errors.Count);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A build node may still hold a file for a moment; the folder is unique and in the temp area.
        }
    }

    private void WriteProject(string name, string? languageVersion, IEnumerable<DeclarationShape> shapes)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        var langVersion = languageVersion is null ? "" : $"<LangVersion>{languageVersion}</LangVersion>";
        File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
                {langVersion}
              </PropertyGroup>
              <ItemGroup>
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
                <ProjectReference Include="{Path.Combine(RepositoryPaths.Root, "src", "TypedSessions", "TypedSessions.csproj")}" />
                <ProjectReference Include="{Path.Combine(RepositoryPaths.Root, "analyzers", "TypedSessions.Generators", "TypedSessions.Generators.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        foreach (var shape in shapes)
        {
            File.WriteAllText(Path.Combine(folder, shape.Name + ".cs"), DeclarationShapes.File(shape));
        }
    }

    /// <summary>
    /// <c>/path/File.cs(12,5): error TS0005: message [/path/Project.csproj]</c>, as MSBuild prints a diagnostic: once
    /// while building and once in the summary, indented differently.
    /// </summary>
    [GeneratedRegex(@"^\s*(?<path>[^\s(][^(\r\n]*)\(\d+,\d+\): error (?<id>[A-Z]+\d+):[^\r\n]*", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();
}
