using System.Diagnostics;
using System.Text;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// A throwaway server process run in the foreground: what it writes to stdout and stderr is kept for error messages,
/// and disposing kills it with its whole process tree, as does the test host's exit should nobody dispose it.
/// </summary>
internal sealed class ForegroundProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ForegroundProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="startInfo"/> with its output captured.</summary>
    /// <exception cref="InvalidOperationException">The process could not be started.</exception>
    public static ForegroundProcess Start(ProcessStartInfo startInfo)
    {
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        var foreground = new ForegroundProcess(process);
        process.OutputDataReceived += (_, e) => foreground.Append(e.Data);
        process.ErrorDataReceived += (_, e) => foreground.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += foreground.OnProcessExit;
        return foreground;
    }

    /// <summary>What the process wrote to stdout and stderr so far.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    /// <summary>Kills the process tree (SIGKILL, like a crash) and waits for the process to exit.</summary>
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Kill();
        _process.Dispose();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Kill();

    // The whole tree: a server started through runuser has it as its parent, and a signal to the parent alone would
    // leave the server running.
    private void Kill()
    {
        try
        {
            if (_process.HasExited)
            {
                return;
            }

            if (ProcessTree.UnavailableReason is null)
            {
                ProcessTree.Kill(_process.Id);
            }
            else
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(5_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
