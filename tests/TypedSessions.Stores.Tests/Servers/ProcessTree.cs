using System.Globalization;
using System.Runtime.InteropServices;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// A server's processes on Linux, a root process and all its descendants, found through <c>/proc</c> and signalled with
/// <c>kill(2)</c>. Pausing them all (SIGSTOP) makes a server hang the way an overloaded or partitioned one does: its
/// sockets stay open and accept connections into the backlog, but nothing is ever answered.
/// </summary>
public static class ProcessTree
{
    private const int SigKill = 9;
    private const int SigCont = 18;
    private const int SigStop = 19;
    private const int NoSuchProcess = 3; // ESRCH
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Whether this machine has what pausing needs, or why not.</summary>
    public static string? UnavailableReason =>
        OperatingSystem.IsLinux() && Directory.Exists("/proc/self") ? null : "Pausing server processes needs Linux (/proc and kill(2)).";

    /// <summary>
    /// Stops the root first, so that it forks no new children, then every descendant (PostgreSQL's backends each run in
    /// their own process group, so signalling the root's group would miss them), and returns once all are stopped.
    /// </summary>
    public static async Task PauseAsync(int rootId)
    {
        await SignalAndWaitAsync([rootId], SigStop, IsStoppedOrGone);

        // A child forked just before the root stopped shows up in the next listing: repeat until nothing new appears.
        var paused = new HashSet<int> { rootId };
        while (true)
        {
            var fresh = Of(rootId).Where(id => !paused.Contains(id)).ToList();
            if (fresh.Count == 0)
            {
                return;
            }

            await SignalAndWaitAsync(fresh, SigStop, IsStoppedOrGone);
            paused.UnionWith(fresh);
        }
    }

    /// <summary>Continues every process of the tree (descendants first) and returns once none is stopped.</summary>
    public static async Task ResumeAsync(int rootId)
    {
        var tree = Of(rootId);
        tree.Reverse();
        await SignalAndWaitAsync(tree, SigCont, id => !IsStopped(id));
    }

    /// <summary>Continues, then kills with SIGKILL, every process of the tree: for cleanup when the orderly way failed.</summary>
    public static void Kill(int rootId)
    {
        foreach (var id in Of(rootId))
        {
            Signal(id, SigCont);
            Signal(id, SigKill);
        }
    }

    /// <summary>The root (when alive) and all its living descendants, parents before children.</summary>
    public static List<int> Of(int rootId)
    {
        var tree = new List<int>();
        if (!IsAlive(rootId))
        {
            return tree;
        }

        var childrenByParent = ListProcesses().ToLookup(p => p.ParentId, p => p.Id);
        var pending = new Queue<int>([rootId]);
        while (pending.TryDequeue(out var id))
        {
            tree.Add(id);
            foreach (var child in childrenByParent[id])
            {
                pending.Enqueue(child);
            }
        }

        return tree;
    }

    /// <summary>Whether the process exists and is not a zombie.</summary>
    public static bool IsAlive(int id) => ReadState(id) is { } state && state is not ('Z' or 'X');

    /// <summary>Whether the process is stopped by a signal (state T in /proc).</summary>
    public static bool IsStopped(int id) => ReadState(id) == 'T';

    private static bool IsStoppedOrGone(int id) => !IsAlive(id) || IsStopped(id);

    private static async Task SignalAndWaitAsync(IReadOnlyCollection<int> ids, int signal, Func<int, bool> done)
    {
        foreach (var id in ids)
        {
            Signal(id, signal);
        }

        // The kernel acts on a signal when the process next runs, so the state changes shortly after kill returns.
        var deadline = DateTime.UtcNow + SignalTimeout;
        while (!ids.All(done))
        {
            if (DateTime.UtcNow > deadline)
            {
                var states = string.Join(", ", ids.Select(id => $"{id}: {ReadState(id)?.ToString() ?? "gone"}"));
                throw new TimeoutException($"Signal {signal} did not take effect within {SignalTimeout.TotalSeconds} s ({states}).");
            }

            await Task.Delay(5);
        }
    }

    private static void Signal(int id, int signal)
    {
        if (Kill(id, signal) != 0 && Marshal.GetLastPInvokeError() is var error && error != NoSuchProcess)
        {
            throw new InvalidOperationException($"kill({id}, {signal}) failed with errno {error}.");
        }
    }

    // /proc/<id>/stat is "id (command) state parent ..."; the command may hold spaces and parentheses.
    private static (char State, int ParentId)? ReadStat(int id)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{id.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', 3);
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
    }

    private static char? ReadState(int id) => ReadStat(id)?.State;

    private static IEnumerable<(int Id, int ParentId)> ListProcesses()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && ReadStat(id) is { } stat)
            {
                yield return (id, stat.ParentId);
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int id, int signal);
}
