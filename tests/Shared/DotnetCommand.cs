using System.Diagnostics;
using Xunit.Abstractions;

namespace TypedSessions.Testing;

/// <summary>
/// Runs the <c>dotnet</c> CLI (a separate build, or a built app) clear of the test host's own MSBuild variables, echoing
/// what it printed to the test output and killing it (with its children) past a timeout.
/// </summary>
internal static class DotnetCommand
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        ITestOutputHelper output,
        string workingDirectory,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables belong to the build that is running the tests, not to this one.
        foreach (var name in start.Environment.Keys.Where(static key => key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var command = $"dotnet {string.Join(' ', start.ArgumentList)}";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command}' did not finish within {timeout.TotalSeconds} s.");
        }

        var (outText, errText) = (await stdout, await stderr);
        output.WriteLine($"> {command} (exit {process.ExitCode})");
        output.WriteLine(outText + errText);
        return (process.ExitCode, outText, errText);
    }
}
