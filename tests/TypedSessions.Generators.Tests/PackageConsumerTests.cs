using System.IO.Compression;
using TypedSessions.Generators.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedSessions.Generators.Tests;

/// <summary>
/// The package path, end to end: the TypedSessions package carries the generator, analyzers and code fixes in
/// analyzers/dotnet/cs, and a web project that references it the way a user does gets the TS diagnostics in
/// <c>dotnet build</c> output. Slow (it packs and runs a real build, a few seconds to a minute) but part of the normal
/// <c>dotnet test</c>; it works in a unique temporary folder that it deletes.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PackageConsumerTests(ITestOutputHelper output) : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(100);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedsessions-consumer-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Consumer_of_the_package_sees_TS_diagnostics_in_dotnet_build()
    {
        var feed = Path.Combine(_root, "feed");
        var consumer = Path.Combine(_root, "consumer");
        Directory.CreateDirectory(consumer);

        // This test project references the runtime and both analyzer projects, so they are built: pack what the tests use.
        var pack = await RunDotnetAsync(RepositoryPaths.Root, "pack", Path.Combine("src", "TypedSessions"), "--no-build", "-c", Configuration, "-o", feed);
        Assert.True(pack.ExitCode == 0, pack.Output);
        var package = Assert.Single(Directory.GetFiles(feed, "TypedSessions.*.nupkg"));
        using (var archive = ZipFile.OpenRead(package))
        {
            var entries = archive.Entries.Select(static entry => entry.FullName).ToList();
            Assert.Contains("analyzers/dotnet/cs/TypedSessions.Generators.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/TypedSessions.CodeFixes.dll", entries);
            Assert.Contains("lib/net10.0/TypedSessions.dll", entries);
        }

        var version = Path.GetFileNameWithoutExtension(package)["TypedSessions.".Length..];
        WriteConsumer(consumer, feed, version);

        // A private packages folder: the freshly packed version never mixes with a cached package of the same number.
        var build = await RunDotnetAsync(consumer, "build", "-c", "Debug");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Matches(@"Program\.cs\(\d+,\d+\): warning TS0101: Session 'session' is opened outside a request", build.Output);
        Assert.DoesNotContain("CS9248", build.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the folder is unique and in the temp area.
        }
    }

    private static void WriteConsumer(string folder, string feed, string version)
    {
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TypedSessions" Version="{{version}}" />
              </ItemGroup>
            </Project>
            """);

        // The local feed on top of the machine's own sources (no <clear/>): nothing else needs a host name here.
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="typedsessions-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        // The [SessionState] class needs the generator (else CS9248); the admin endpoint forgets to save (TS0101).
        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            using TypedSessions;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            app.UseTypedSessions();
            app.MapPost("/cart", (Cart cart) => ++cart.Count);
            app.MapPost("/admin/{key}/reset", async (string key, ISessionManager sessions) =>
            {
                var session = await sessions.OpenAsync(key);
                session.GetState<Cart>().Count = 0;
            });
            app.Run();

            [SessionState]
            public partial class Cart
            {
                public partial int Count { get; set; }
            }
            """);
    }

    private async Task<(int ExitCode, string Output)> RunDotnetAsync(string workingDirectory, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await DotnetCommand.RunAsync(
            output,
            workingDirectory,
            arguments.Append("--disable-build-servers"),
            ProcessTimeout,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") });
        return (exitCode, stdout + stderr);
    }
}
