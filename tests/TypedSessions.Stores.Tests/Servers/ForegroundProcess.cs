using System.Diagnostics;
using System.Text;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// A throwaway server process run in the foreground: what it writes to stdout and stderr is kept for error messages,
/// and disposing kills it with its whole process tree, as does the test host's exit should nobody dispose it. On Linux
/// it also dies with a test host that is killed outright (as a mutation run kills one that times out), which runs no
/// exit handler: see <see cref="DiesWithThisProcess"/>.
/// </summary>
internal sealed class ForegroundProcess : IDisposable
{
    private const string SetSid = "/usr/bin/setsid";

    // A background job's stdin is /dev/null in a non-interactive shell, so the watcher reads the pipe as fd 3, which the
    // server does not inherit; $$ is the shell's id, which after setsid is also its process group's.
    private const string WatchStdinThenExec = "exec 3<&0; (cat <&3 >/dev/null; kill -KILL -$$) & exec \"$@\" 3<&- </dev/null";

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
        if (OperatingSystem.IsLinux() && File.Exists(SetSid))
        {
            startInfo = DiesWithThisProcess(startInfo);
        }

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

    /// <summary>
    /// The same command, run as the leader of a new process group by a shell that first starts a watcher on its stdin,
    /// a pipe only this process writes to: when this process dies, however it dies, the pipe reaches end of file and the
    /// watcher kills the group (the server, and what runuser started). The shell then execs the command, so the
    /// server keeps the shell's process id, which pausing and killing it rely on.
    /// </summary>
    private static ProcessStartInfo DiesWithThisProcess(ProcessStartInfo command)
    {
        var wrapped = new ProcessStartInfo(SetSid) { WorkingDirectory = command.WorkingDirectory, RedirectStandardInput = true };
        string[] shell = ["--wait", "/bin/sh", "-c", WatchStdinThenExec, "sh", command.FileName];
        foreach (var argument in shell.Concat(command.ArgumentList))
        {
            wrapped.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            wrapped.Environment[name] = value;
        }

        return wrapped;
    }

    /// <summary>What the process wrote to stdout and stderr so far.</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    /// <summary>Closes the process's stdin, as this process's death does: on Linux the process is then killed.</summary>
    public void CloseStandardInput() => _process.StandardInput.Close();

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
