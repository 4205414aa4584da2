using System.IO.Compression;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace TypedSessions.Tests.Packaging;

/// <summary>
/// What a release ships, checked as a user meets it: <c>dotnet pack</c> at the root makes exactly the four packages,
/// the runtime package carries the generator, analyzers and code fixes without leaking the compiler as a dependency,
/// and a new project that references the packages by version gets working generated properties at run time and the TS
/// diagnostics in <c>dotnet build</c>. Slow (a Release pack, a restore and builds: a minute or two), packed once per
/// class by <see cref="PackedConsumer"/>.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PackagingTests(PackedConsumer packed, ITestOutputHelper output) : IClassFixture<PackedConsumer>
{
    private static readonly string[] PackageIds = ["TypedSessions", "TypedSessions.Sqlite", "TypedSessions.Redis", "TypedSessions.PostgreSql"];

    [Fact]
    public void Root_pack_makes_exactly_the_runtime_and_store_packages_with_their_symbols()
    {
        var expected = PackageIds
            .SelectMany(id => new[] { $"{id}.{packed.Version}.nupkg", $"{id}.{packed.Version}.snupkg" })
            .Order(StringComparer.Ordinal);

        var made = Directory.GetFiles(packed.Feed).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(expected, made);
    }

    [Fact]
    public void Runtime_package_carries_the_generator_analyzers_and_code_fixes_and_depends_on_nothing()
    {
        var package = PackagePath("TypedSessions");

        var entries = Entries(package);
        var dependencies = Dependencies(package);

        Assert.Contains("lib/net10.0/TypedSessions.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/TypedSessions.Generators.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/TypedSessions.CodeFixes.dll", entries);
        Assert.Contains("build/TypedSessions.props", entries);
        Assert.Contains("buildTransitive/TypedSessions.props", entries);
        Assert.DoesNotContain(entries, static entry => entry.StartsWith("lib/", StringComparison.Ordinal)
            && (entry.Contains("Generators", StringComparison.Ordinal) || entry.Contains("CodeFixes", StringComparison.Ordinal)));

        // The analyzers are built against Roslyn, which the compiler loading them provides: no package may follow.
        Assert.Empty(dependencies);
    }

    [Theory]
    [InlineData("TypedSessions.Sqlite", "Microsoft.Data.Sqlite")]
    [InlineData("TypedSessions.Redis", "StackExchange.Redis")]
    [InlineData("TypedSessions.PostgreSql", "Npgsql")]
    public void Store_package_depends_on_the_runtime_of_its_version_with_its_analyzers_and_on_its_client(string id, string client)
    {
        var dependencies = Dependencies(PackagePath(id));

        var runtime = Assert.Single(dependencies, static dependency => dependency.Id == "TypedSessions");
        Assert.Equal(packed.Version, runtime.Version);
        Assert.DoesNotContain("Analyzers", runtime.Exclude ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Contains(dependencies, dependency => dependency.Id == client);
        Assert.DoesNotContain(dependencies, static dependency => dependency.Id.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("TypedSessions")]
    [InlineData("TypedSessions.Sqlite")]
    [InlineData("TypedSessions.Redis")]
    [InlineData("TypedSessions.PostgreSql")]
    public void Package_has_its_readme_license_description_and_repository(string id)
    {
        var package = PackagePath(id);
        var metadata = Nuspec(package).Root!.Elements().Single(static element => element.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(element => element.Name.LocalName == name)?.Value;
        var repository = metadata.Elements().Single(static element => element.Name.LocalName == "repository");

        Assert.Equal("README.md", Value("readme"));
        Assert.StartsWith($"# {id}\n", ReadEntry(package, "README.md").ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("TypedSessions contributors", Value("authors"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Contains("aspnetcore", Value("tags") ?? "", StringComparison.Ordinal);
        Assert.Equal(RepositoryUrl(), (string?)repository.Attribute("url"));
    }

    [Fact]
    public async Task Consumer_of_the_packages_runs_its_generated_properties_against_the_sqlite_store()
    {
        var build = await packed.RunInConsumerAsync(output, "build", "--no-restore", "-c", "Debug");
        Assert.True(build.ExitCode == 0, build.Stdout + build.Stderr);
        Assert.DoesNotMatch(@"warning TS\d{4}", build.Stdout);

        var run = await packed.RunConsumerProgramAsync(output, Path.Combine("bin", "Debug", "net10.0", ConsumerProject.Name + ".dll"));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(ConsumerProject.ExpectedOutput, run.Stdout.ReplaceLineEndings("\n").Trim());
    }

    [Fact]
    public async Task Consumer_build_shows_the_TS0001_error_the_TS0101_warning_and_TS0201_from_its_schema_file()
    {
        // The schema file is picked up from beside the project by the package's props, with no item in the project. It
        // exists for this build only (a class's tests run one at a time): it records a key no property stores.
        var schema = Path.Combine(packed.Consumer, "SessionSchema.txt");
        File.WriteAllText(schema, ConsumerProject.SchemaWithARemovedKey);
        (int ExitCode, string Stdout, string Stderr) build;
        try
        {
            // Its own output folders: the faulty build never touches the working one's.
            build = await packed.RunInConsumerAsync(
                output, "build", "--no-restore", "-c", "Debug", "-p:IncludeFaultyCode=true", "-p:IntermediateOutputPath=obj/faulty/", "-p:OutputPath=bin/faulty/");
        }
        finally
        {
            File.Delete(schema);
        }

        Assert.Matches(@"SessionSchema\.txt\(4,1\): warning TS0201: Session key 'Cart\.Total' is recorded in SessionSchema\.txt but no property stores or reads it", build.Stdout);

        Assert.NotEqual(0, build.ExitCode);
        Assert.Matches(@"NotPartialContainer\.cs\(\d+,\d+\): error TS0001: The \[SessionState\] class 'Shop\.Wishlist' cannot be implemented", build.Stdout);
        Assert.Contains($"({RepositoryUrl()}/blob/main/docs/diagnostics/TS0001.md)", build.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"UnsavedReset\.cs\(\d+,\d+\): warning TS0101: Session 'session' is opened outside a request", build.Stdout);
        Assert.DoesNotContain("CS9248", build.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dotnet_format_records_every_stored_key_in_an_empty_schema_file()
    {
        // TS0203's fix from the command line, as a team adopts the schema: the file exists for this test only.
        var schema = Path.Combine(packed.Consumer, "SessionSchema.txt");
        File.WriteAllText(schema, "");
        string recorded;
        (int ExitCode, string Stdout, string Stderr) format;
        try
        {
            format = await packed.RunToolInConsumerAsync(
                output, "format", "analyzers", ConsumerProject.Name + ".csproj", "--diagnostics", "TS0203", "--severity", "info", "--no-restore");
            recorded = File.ReadAllText(schema);
        }
        finally
        {
            File.Delete(schema);
        }

        Assert.True(format.ExitCode == 0, format.Stdout + format.Stderr);
        Assert.Equal(
            "Cart.Count: int\nCart.Lines: System.Collections.Generic.List<string>\ncur: string?\n",
            recorded.ReplaceLineEndings("\n"));
    }

    private string PackagePath(string id)
    {
        var path = Path.Combine(packed.Feed, $"{id}.{packed.Version}.nupkg");
        Assert.True(File.Exists(path), $"{path} is missing; dotnet pack printed:\n{packed.SetupLog}");
        return path;
    }

    private static List<string> Entries(string package)
    {
        using var archive = ZipFile.OpenRead(package);
        return [.. archive.Entries.Select(static entry => entry.FullName)];
    }

    private static string ReadEntry(string package, string name)
    {
        using var archive = ZipFile.OpenRead(package);
        using var reader = new StreamReader(archive.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    private static XDocument Nuspec(string package)
    {
        using var archive = ZipFile.OpenRead(package);
        var nuspec = Assert.Single(archive.Entries, static entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return XDocument.Load(stream);
    }

    private static List<(string Id, string Version, string? Exclude)> Dependencies(string package)
        => [.. Nuspec(package).Descendants()
            .Where(static element => element.Name.LocalName == "dependency")
            .Select(static dependency => ((string)dependency.Attribute("id")!, (string)dependency.Attribute("version")!, (string?)dependency.Attribute("exclude")))];

    private static string RepositoryUrl()
        => XDocument.Load(Path.Combine(PackedConsumer.RepositoryRoot, "Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;
}
