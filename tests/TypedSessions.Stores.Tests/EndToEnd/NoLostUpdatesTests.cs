using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// Fifty concurrent requests on one session, each setting a key of its own, through the real middleware: every key
/// must be saved. Django and ASP.NET Core's session lose all but some of them (each request writes back the whole
/// session it loaded); per-key saves must not. A store's subclass registers it in <see cref="AddStore"/>.
/// </summary>
public abstract class NoLostUpdatesTests
{
    private const int Requests = 50;

    /// <summary>Registers the store under test (and skips the test, by throwing, when its server is unavailable).</summary>
    protected abstract void AddStore(TypedSessionsBuilder builder);

    [SkippableFact]
    public async Task Concurrent_requests_setting_different_keys_of_one_session_all_survive()
    {
        await using var app = await SessionTestApp.StartAsync(AddStore);
        var cookie = await app.StartSessionAsync();

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, Requests).Select(i => Task.Run(async () =>
        {
            await start.Task;
            using var response = await app.SendAsync(HttpMethod.Post, $"/set/k{i}/{i}", cookie);
            return response.StatusCode;
        })).ToList();
        start.SetResult();

        Assert.All(await Task.WhenAll(requests), status => Assert.Equal(HttpStatusCode.OK, status));
        string[] expected = ["start", .. Enumerable.Range(0, Requests).Select(i => $"k{i}")];
        Assert.Equal(expected.Order(StringComparer.Ordinal), await app.KeysAsync(cookie));
    }

    [SkippableFact]
    public async Task Concurrent_optimistic_increments_of_one_key_never_lose_or_double_count_one()
    {
        await using var app = await SessionTestApp.StartAsync(
            AddStore, services => services.Configure<TypedSessionsOptions>(options => options.Concurrency = SessionConcurrency.Optimistic));
        var cookie = await app.StartSessionAsync("count", 1);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, Requests).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            using var response = await app.SendAsync(HttpMethod.Post, "/increment/count", cookie);
            return response.StatusCode;
        })).ToList();
        start.SetResult();
        var statuses = await Task.WhenAll(requests);

        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"Answered {status}."));
        var saved = statuses.Count(status => status == HttpStatusCode.OK);
        Assert.True(saved >= 1, "No increment was saved.");
        using var read = await app.SendAsync(HttpMethod.Get, "/get/count", cookie);
        Assert.Equal((1 + saved).ToString(System.Globalization.CultureInfo.InvariantCulture), await read.Content.ReadAsStringAsync());
    }
}
