using System.Net;
using System.Net.Http.Json;
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

    [SkippableFact]
    public async Task In_merge_mode_concurrent_adds_to_one_list_that_does_not_exist_yet_all_survive()
    {
        await using var app = await StartMergingAsync();
        var cookie = await app.StartSessionAsync();

        var statuses = await RunTogetherAsync(MergedRequests, i => app.SendAsync(HttpMethod.Post, $"/add/items/item{i}", cookie));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        using var read = await app.SendAsync(HttpMethod.Get, "/items/items", cookie);
        var items = await read.Content.ReadFromJsonAsync<List<string>>();
        Assert.Equal(Enumerable.Range(0, MergedRequests).Select(i => $"item{i}").Order(StringComparer.Ordinal), items!.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task In_merge_mode_concurrent_changes_of_different_elements_of_one_list_all_survive()
    {
        await using var app = await StartMergingAsync();
        var cookie = await app.StartSessionAsync();
        using (var seeded = await app.SendAsync(HttpMethod.Post, $"/seed-lines/lines/{MergedRequests}", cookie))
        {
            Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        }

        var statuses = await RunTogetherAsync(MergedRequests, i => app.SendAsync(HttpMethod.Post, $"/bump/lines/{i}", cookie));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        using var read = await app.SendAsync(HttpMethod.Get, "/lines/lines", cookie);
        var lines = await read.Content.ReadFromJsonAsync<List<CountedLine>>();
        Assert.Equal(Enumerable.Range(0, MergedRequests), lines!.Select(line => line.Id).Order());
        Assert.All(lines!, line => Assert.Equal(1, line.Count));
    }

    private const int MergedRequests = 20;

    private Task<SessionTestApp> StartMergingAsync() => SessionTestApp.StartAsync(
        AddStore, services => services.Configure<TypedSessionsOptions>(options => options.Concurrency = SessionConcurrency.Merge));

    private static async Task<HttpStatusCode[]> RunTogetherAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            using var response = await send(i);
            return response.StatusCode;
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(requests);
    }
}
