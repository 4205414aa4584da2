using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// A save over <see cref="TypedSessionsOptions.MaxSessionSize"/> writes nothing and answers 500, on every store: an
/// existing session keeps what it had, and a new one is never created.
/// </summary>
public abstract class SessionSizeLimitTests
{
    // Large enough for the starting key, too small for forty more.
    private const int Limit = 200;

    /// <summary>Registers the store under test (and skips the test, by throwing, when its server is unavailable).</summary>
    protected abstract void AddStore(TypedSessionsBuilder builder);

    [SkippableFact]
    public async Task A_save_over_the_limit_writes_nothing_and_answers_500()
    {
        await using var app = await StartAsync();
        var cookie = await app.StartSessionAsync();

        using var response = await app.SendAsync(HttpMethod.Post, "/set-many/40/1", cookie);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(["start"], await app.KeysAsync(cookie));
    }

    [SkippableFact]
    public async Task A_new_session_over_the_limit_is_not_created()
    {
        await using var app = await StartAsync();

        using var response = await app.Client.PostAsync("/set-many/40/1", content: null);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [SkippableFact]
    public async Task A_save_within_the_limit_is_written()
    {
        await using var app = await StartAsync();
        var cookie = await app.StartSessionAsync();

        using var response = await app.SendAsync(HttpMethod.Post, "/set-many/5/1", cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(6, (await app.KeysAsync(cookie)).Length);
    }

    private Task<SessionTestApp> StartAsync()
        => SessionTestApp.StartAsync(AddStore, services => services.Configure<TypedSessionsOptions>(options => options.MaxSessionSize = Limit));
}
