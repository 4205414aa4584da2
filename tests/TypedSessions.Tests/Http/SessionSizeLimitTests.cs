using System.Text;
using Microsoft.Extensions.Logging;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// <see cref="TypedSessionsOptions.MaxSessionSize"/> outside a request: the exception names the size, the limit and
/// the largest keys, and the save writes nothing. The per-store HTTP tests are in the store tests' EndToEnd folder.
/// </summary>
public sealed class SessionSizeLimitTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(_ => { }, options => options.MaxSessionSize = 1_000);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_save_over_the_limit_names_the_size_the_limit_and_the_largest_keys()
    {
        var session = await _server.Manager.OpenAsync(null);
        session.Set("small", 1);
        session.Set("large", new string('x', 900));
        session.Set("medium", new string('y', 200));

        var error = await Assert.ThrowsAsync<SessionTooLargeException>(() => session.SaveAsync().AsTask());

        Assert.Equal(1_000, error.Limit);
        Assert.True(error.Size > 1_100, $"Size {error.Size}");
        Assert.Equal(["large", "medium", "small"], error.LargestKeys.Select(pair => pair.Key));
        Assert.Equal(Encoding.UTF8.GetByteCount("large") + 902 + 3, error.LargestKeys[0].Value);
        Assert.Contains($"{error.Size:N0} bytes", error.Message);
        Assert.Contains("'large'", error.Message);
        Assert.Null(session.Key);
        Assert.Empty(_server.Store.Calls);
        var log = Assert.Single(_server.Logs.GetSnapshot(), entry => entry.Id.Name == "SessionTooLarge");
        Assert.Equal(LogLevel.Error, log.Level);
    }

    [Fact]
    public async Task An_update_over_the_limit_leaves_the_stored_session_as_it_was()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("kept", 1));
        var session = await _server.Manager.OpenAsync(key);
        session.Set("large", new string('x', 2_000));

        await Assert.ThrowsAsync<SessionTooLargeException>(() => session.SaveAsync().AsTask());

        Assert.Equal(["Load"], _server.Store.Calls);
        Assert.False((await _server.Manager.OpenAsync(key)).ContainsKey("large"));
    }

    [Fact]
    public async Task No_limit_when_it_is_null()
    {
        await using var server = await SessionTestServer.StartAsync(_ => { }, options => options.MaxSessionSize = null);
        var session = await server.Manager.OpenAsync(null);
        session.Set("large", new string('x', 2 * TypedSessionsOptions.DefaultMaxSessionSize));

        await session.SaveAsync();

        Assert.NotNull(session.Key);
    }
}
