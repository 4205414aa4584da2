using System.Text.Json;
using TypedSessions.Generators.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedSessions.Generators.Tests;

/// <summary>
/// Directory.Build.props gives shipping code (src/, analyzers/) warnings as errors and XML docs, and packs only src/ (the
/// analyzers ship inside the TypedSessions package), by where a project sits below the repository root and never by
/// the absolute path. Else a clone under a folder such as ~/src/TypedSessions would fail the README's
/// <c>dotnet test</c> and sample commands with CS1591 in the tests and the sample. Each case copies the root's two props files into a temporary "clone" whose own path contains
/// both <c>/src/</c> and <c>/tests/</c>, adds one stub project at a repository path, and evaluates it with
/// <c>dotnet msbuild -getProperty</c> (evaluation only: no restore, no build, about a second).
/// </summary>
public sealed class BuildSettingsFollowRepositoryLayoutTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedsessions-layout-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("src/Library", "Microsoft.NET.Sdk", "true", "true", "true")]
    [InlineData("analyzers/Analyzer", "Microsoft.NET.Sdk", "true", "true", "false")]
    [InlineData("tests/Tests", "Microsoft.NET.Sdk", "false", "false", "false")]
    [InlineData("samples/Sample", "Microsoft.NET.Sdk.Web", "false", "false", "false")]
    [InlineData("bench/LoadApp", "Microsoft.NET.Sdk.Web", "false", "false", "false")]
    public async Task Clone_under_a_src_folder_gets_the_settings_of_each_projects_place_in_the_repository(
        string projectFolder, string sdk, string treatWarningsAsErrors, string generateDocumentationFile, string isPackable)
    {
        // Like ~/src/tests/TypedSessions: the folders above the clone name both kinds of project.
        var clone = Path.Combine(_root, "src", "tests", "TypedSessions");
        Directory.CreateDirectory(clone);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props" })
        {
            File.Copy(Path.Combine(RepositoryPaths.Root, file), Path.Combine(clone, file));
        }

        var folder = Path.Combine(clone, projectFolder);
        Directory.CreateDirectory(folder);
        var project = Path.Combine(folder, Path.GetFileName(projectFolder) + ".csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);

        var properties = await EvaluateAsync(project, "TreatWarningsAsErrors", "GenerateDocumentationFile", "IsPackable");

        Assert.Equal(treatWarningsAsErrors, properties["TreatWarningsAsErrors"]);
        Assert.Equal(generateDocumentationFile, properties["GenerateDocumentationFile"]);
        Assert.Equal(isPackable, properties["IsPackable"]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The folder is unique and in the temp area.
        }
    }

    /// <summary>The evaluated properties; an unset one reads "false" (the SDK leaves some of them empty).</summary>
    private async Task<Dictionary<string, string>> EvaluateAsync(string project, params string[] names)
    {
        var arguments = new List<string> { "msbuild", project, "-nologo", "-nodeReuse:false" };
        arguments.AddRange(names.Select(static name => "-getProperty:" + name));
        var (exitCode, stdout, stderr) = await RunDotnetAsync(Path.GetDirectoryName(project)!, arguments);
        Assert.True(exitCode == 0, stdout + stderr);

        // Several -getProperty switches print {"Properties":{"Name":"value",...}}.
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(
            static property => property.Name,
            static property => property.Value.GetString() is { Length: > 0 } value ? value : "false");
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunDotnetAsync(string workingDirectory, IEnumerable<string> arguments)
        => DotnetCommand.RunAsync(output, workingDirectory, arguments, ProcessTimeout);
}
