using System.Diagnostics;
using System.Globalization;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// A test server must not outlive the test host, even one killed outright (SIGKILL runs no exit handler), or a mutation
/// run that kills hosts on timeouts leaves servers holding ports and memory. The host's death closes the server's stdin,
/// which <see cref="ForegroundProcess.CloseStandardInput"/> does here without killing this host.
/// </summary>
public sealed class ForegroundProcessTests
{
    [SkippableFact]
    public async Task A_server_and_its_children_die_when_the_process_that_started_them_goes()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Dying with the starter relies on Linux process groups.");
        using var server = ForegroundProcess.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "sleep 600 & echo $!; wait" } });
        var child = int.Parse(await FirstLineAsync(server), CultureInfo.InvariantCulture);
        Assert.True(ProcessTree.IsAlive(child));

        server.CloseStandardInput();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((ProcessTree.IsAlive(server.Id) || ProcessTree.IsAlive(child)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.False(ProcessTree.IsAlive(server.Id), "the server outlived its starter");
        Assert.False(ProcessTree.IsAlive(child), "the server's child outlived its starter");
    }

    [SkippableFact]
    public async Task A_server_keeps_running_while_the_process_that_started_it_lives()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Dying with the starter relies on Linux process groups.");
        using var server = ForegroundProcess.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", "echo started; exec sleep 600" } });
        Assert.Equal("started", await FirstLineAsync(server));

        await Task.Delay(500);

        Assert.True(ProcessTree.IsAlive(server.Id), server.Output());
    }

    private static async Task<string> FirstLineAsync(ForegroundProcess server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!server.Output().Contains('\n') && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return server.Output().Split('\n')[0].Trim();
    }
}
