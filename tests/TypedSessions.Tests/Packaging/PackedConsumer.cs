using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace TypedSessions.Tests.Packaging;

/// <summary>
/// Once per test class: <c>dotnet pack</c> of the solution, as a release is made, into a folder feed in a unique
/// temporary folder, and a new <see cref="ConsumerProject"/> restored from that feed into its own empty packages
/// folder, so no package cached from an earlier build can stand in for the one just packed. Everything lives under
/// <see cref="Root"/>, deleted at the end.
/// </summary>
public sealed partial class PackedConsumer : IAsyncLifetime
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private readonly CollectedOutput _setupOutput = new();

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "typedsessions-packaging-" + Guid.NewGuid().ToString("N"));

    public string Feed => Path.Combine(Root, "feed");

    public string Consumer => Path.Combine(Root, "consumer");

    public string PackagesFolder => Path.Combine(Root, "packages");

    /// <summary>The version of the packed TypedSessions package, which the consumer references.</summary>
    public string Version { get; private set; } = "";

    /// <summary>What <c>dotnet pack</c> and the consumer's restore printed, for the message of a failed assertion.</summary>
    public string SetupLog => _setupOutput.ToString();

    public static string RepositoryRoot { get; } = FromThisFile();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);

        // Release, as a release is packed, so the test run's own Debug output is left alone; and the machine's usual
        // packages folder, since the repository's restore is shared with every other build of it.
        var pack = await RunAsync(_setupOutput, RepositoryRoot, ["pack", "TypedSessions.sln", "-c", "Release", "-o", Feed, "--disable-build-servers"], PackTimeout);
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet pack of the solution failed:\n" + SetupLog);
        }

        var runtimePackage = Directory.GetFiles(Feed, "TypedSessions.*.nupkg")
            .Select(static path => RuntimePackageName().Match(Path.GetFileName(path)))
            .SingleOrDefault(static match => match.Success)
            ?? throw new InvalidOperationException("dotnet pack made no TypedSessions package:\n" + SetupLog);
        Version = runtimePackage.Groups["version"].Value;

        ConsumerProject.Write(Consumer, Feed, PackagesFolder, Version);
        var restore = await RunInConsumerAsync(_setupOutput, "restore");
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException("The consumer's restore from the packed feed failed:\n" + SetupLog);
        }
    }

    /// <summary>Runs a <c>dotnet</c> build command for the consumer, with its private packages folder.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RunInConsumerAsync(ITestOutputHelper output, params string[] arguments)
        => RunAsync(output, Consumer, [.. arguments, "--disable-build-servers"], CommandTimeout, new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesFolder });

    /// <summary>Runs a <c>dotnet</c> tool command, such as <c>format</c>, for the consumer, with its private packages folder.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RunToolInConsumerAsync(ITestOutputHelper output, params string[] arguments)
        => RunAsync(output, Consumer, arguments, CommandTimeout, new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesFolder });

    /// <summary>Runs the consumer's built program (<c>dotnet Consumer.dll</c>) in its folder.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RunConsumerProgramAsync(ITestOutputHelper output, string assembly)
        => RunAsync(output, Consumer, [assembly], CommandTimeout);

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; the folder is unique and in the temp area.
        }

        return Task.CompletedTask;
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        ITestOutputHelper output, string workingDirectory, string[] arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
        => DotnetCommand.RunAsync(output, workingDirectory, arguments, timeout, environment);

    // TypedSessions.0.1.0.nupkg, not TypedSessions.Sqlite.0.1.0.nupkg.
    [GeneratedRegex(@"^TypedSessions\.(?<version>\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)\.nupkg$")]
    private static partial Regex RuntimePackageName();

    private static string FromThisFile([CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}
