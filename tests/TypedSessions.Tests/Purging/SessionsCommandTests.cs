using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Purging;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Purging;

/// <summary>
/// <c>sessions clear-expired</c> and its usage errors, in process, on a host that is built but not started (as
/// <c>RunSessionsCommandAsync</c> finds it in Program.cs).
/// </summary>
public sealed class SessionsCommandTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(SessionServices.Start);
    private readonly FaultyStore _store;
    private readonly IHost _host;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public SessionsCommandTests()
    {
        _store = new FaultyStore(_time);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddTypedSessions().UseStore(_ => _store);
        _host = builder.Build();
    }

    private ISessionManager Manager => _host.Services.GetRequiredService<ISessionManager>();

    [Fact]
    public async Task Clear_expired_removes_the_expired_sessions_prints_how_many_and_exits_0()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateSessionAsync(TimeSpan.FromMinutes(1));
        }

        var live = await CreateSessionAsync(TimeSpan.FromHours(1));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, await RunAsync("sessions", "clear-expired"));

        Assert.Equal($"Removed 3 expired sessions.{Environment.NewLine}", _output.ToString());
        Assert.Empty(_error.ToString());
        Assert.True(await Manager.ExistsAsync(live));
        Assert.Equal(0, await RunAsync("sessions", "clear-expired"));
        Assert.EndsWith($"Removed 0 expired sessions.{Environment.NewLine}", _output.ToString());
    }

    [Fact]
    public async Task One_removed_session_is_reported_in_the_singular()
    {
        await CreateSessionAsync(TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, await RunAsync("sessions", "clear-expired", "--ConnectionStrings:Sessions=ignored-here"));

        Assert.Equal($"Removed 1 expired session.{Environment.NewLine}", _output.ToString());
    }

    [Theory]
    [InlineData("sessions", "clear", "Unknown sessions command 'clear'.")]
    [InlineData("sessions", "clearsessions", "Unknown sessions command 'clearsessions'.")]
    [InlineData("sessions", null, "No sessions command given.")]
    public async Task An_unknown_or_missing_subcommand_prints_the_usage_and_exits_2(string first, string? second, string message)
    {
        Assert.Equal(2, await RunAsync(second is null ? [first] : [first, second]));

        Assert.StartsWith(message + Environment.NewLine + "Usage: sessions <command>", _error.ToString());
        Assert.Contains("clear-expired", _error.ToString());
        Assert.Empty(_output.ToString());
        Assert.Equal(0, _store.Calls);
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_0()
    {
        Assert.Equal(0, await RunAsync("sessions", "help"));

        Assert.StartsWith("Usage: sessions <command>", _output.ToString());
        Assert.Equal(0, _store.Calls);
    }

    [Fact]
    public async Task A_store_failure_prints_the_error_and_exits_1()
    {
        _store.Failure = new InvalidOperationException("The store is down.");

        Assert.Equal(1, await RunAsync("sessions", "clear-expired"));

        Assert.Equal($"Could not remove expired sessions: The store is down.{Environment.NewLine}", _error.ToString());
        Assert.Empty(_output.ToString());
    }

    [Theory]
    [InlineData]
    [InlineData("--urls=http://127.0.0.1:5080")]
    [InlineData("clear-expired")]
    [InlineData("Sessions", "clear-expired")]
    public async Task Other_arguments_leave_the_app_to_start(params string[] args)
    {
        var exitCode = Environment.ExitCode;

        Assert.False(await _host.RunSessionsCommandAsync(args));

        Assert.Equal(exitCode, Environment.ExitCode);
        Assert.Equal(0, _store.Calls);
    }

    [Fact]
    public async Task The_extension_runs_the_command_and_sets_the_process_exit_code()
    {
        var exitCode = Environment.ExitCode;
        try
        {
            Assert.True(await _host.RunSessionsCommandAsync(["sessions", "clear-expired"]));
            Assert.Equal(0, Environment.ExitCode);
            Assert.Equal(1, _store.Calls);

            Assert.True(await _host.RunSessionsCommandAsync(["sessions", "bogus"]));
            Assert.Equal(2, Environment.ExitCode);
        }
        finally
        {
            Environment.ExitCode = exitCode;
        }
    }

    [Fact]
    public async Task A_sessions_command_without_AddTypedSessions_says_to_register_it()
    {
        using var bare = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings()).Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bare.RunSessionsCommandAsync(["sessions", "clear-expired"]));

        Assert.Contains("AddTypedSessions()", error.Message);
        Assert.False(await bare.RunSessionsCommandAsync([]));
    }

    public void Dispose() => _host.Dispose();

    private async Task<int?> RunAsync(params string[] args)
        => await SessionsCommand.RunAsync(_host.Services, args, _output, _error, CancellationToken.None);

    private async Task<string> CreateSessionAsync(TimeSpan expiry)
    {
        var session = await Manager.OpenAsync(null);
        session.Set("seeded", true);
        session.SetExpiry(expiry);
        await session.SaveAsync();
        return session.Key!;
    }
}
