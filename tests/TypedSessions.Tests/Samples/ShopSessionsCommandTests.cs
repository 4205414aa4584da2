using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace TypedSessions.Tests.Samples;

/// <summary>
/// The built sample shop run as a cron job would run it, <c>dotnet TypedSessions.Samples.Shop.dll sessions clear-expired</c>,
/// on a SQLite file of the test's own holding expired and live sessions.
/// </summary>
public sealed class ShopSessionsCommandTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Directory.CreateTempSubdirectory("typedsessions-command-").FullName;

    private string DatabasePath => Path.Combine(_folder, "sessions.db");

    private string ConnectionString => $"Data Source={DatabasePath};Pooling=False";

    [Fact]
    public async Task Clear_expired_removes_the_expired_rows_prints_the_count_exits_0_and_keeps_the_live_rows()
    {
        var live = await SeedAsync(expired: 3, live: 2);

        var (exitCode, stdout, _) = await RunShopAsync("sessions", "clear-expired", $"--ConnectionStrings:Sessions={ConnectionString}");

        Assert.Equal(0, exitCode);
        Assert.Contains("Removed 3 expired sessions.", stdout.Split(Environment.NewLine));
        Assert.Equal(2, CountRows());
        await using var services = Services(TimeProvider.System);
        foreach (var key in live)
        {
            Assert.True(await services.GetRequiredService<ISessionManager>().ExistsAsync(key));
        }
    }

    [Fact]
    public async Task An_unknown_subcommand_prints_the_usage_and_exits_2_touching_nothing()
    {
        await SeedAsync(expired: 1, live: 1);

        var (exitCode, stdout, stderr) = await RunShopAsync("sessions", "flush", $"--ConnectionStrings:Sessions={ConnectionString}");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown sessions command 'flush'.", stderr);
        Assert.Contains("Usage: sessions <command>", stderr);
        Assert.DoesNotContain("Removed", stdout);
        Assert.Equal(2, CountRows());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The sample's build output is copied beside the tests (they reference it), runtimeconfig and deps included.
    private async Task<(int ExitCode, string Stdout, string Stderr)> RunShopAsync(params string[] args)
        => await DotnetCommand.RunAsync(output, _folder, [Path.Combine(AppContext.BaseDirectory, "TypedSessions.Samples.Shop.dll"), .. args], ProcessTimeout);

    // Sessions saved two days ago by the clock: those that lived an hour have expired, those of a week are live.
    private async Task<List<string>> SeedAsync(int expired, int live)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-2));
        await using var services = Services(time);
        var manager = services.GetRequiredService<ISessionManager>();
        var liveKeys = new List<string>();
        for (var i = 0; i < expired + live; i++)
        {
            var session = await manager.OpenAsync(null);
            session.Set("cart", i);
            session.SetExpiry(i < expired ? TimeSpan.FromHours(1) : TimeSpan.FromDays(7));
            await session.SaveAsync();
            if (i >= expired)
            {
                liveKeys.Add(session.Key!);
            }
        }

        Assert.Equal(expired + live, CountRows());
        return liveKeys;
    }

    private ServiceProvider Services(TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddTypedSessions().AddSqliteStore(ConnectionString);
        return services.BuildServiceProvider();
    }

    private long CountRows()
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM typed_sessions";
        return (long)command.ExecuteScalar()!;
    }
}
