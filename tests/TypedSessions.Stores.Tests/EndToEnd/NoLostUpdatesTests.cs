using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// Concurrent requests on one session through the real middleware, with default options unless a test says otherwise.
/// Fifty requests each setting a key of its own must all be saved: Django and ASP.NET Core's session lose all but some
/// of them (each request writes back the whole session it loaded); per-key saves must not. Twenty requests changing
/// one list key must all be kept too (the merge), and twenty increments of one number end as its conflict policy
/// says. A store's subclass registers it in <see cref="AddStore"/>. The concurrent requests meet at the store (a
/// <see cref="StoreRendezvous"/> armed for updates) so every one has loaded before any writes: without it the memory
/// store, which completes synchronously, ran them one after another and a store writing the whole session was caught
/// only now and then.
/// </summary>
public abstract class NoLostUpdatesTests
{
    private const int Requests = 50;

    private readonly StoreRendezvous _rendezvous = new();

    /// <summary>Registers the store under test (and skips the test, by throwing, when its server is unavailable).</summary>
    protected abstract void AddStore(TypedSessionsBuilder builder);

    [SkippableFact]
    public async Task Concurrent_requests_setting_different_keys_of_one_session_all_survive()
    {
        await using var app = await SessionTestApp.StartAsync(AddGatedStore);
        var cookie = await app.StartSessionAsync();

        var statuses = await RunTogetherAsync(Requests, i => app.SendAsync(HttpMethod.Post, $"/set/k{i}/{i}", cookie));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        string[] expected = ["start", .. Enumerable.Range(0, Requests).Select(i => $"k{i}")];
        Assert.Equal(expected.Order(StringComparer.Ordinal), await app.KeysAsync(cookie));
    }

    [SkippableFact]
    public async Task Concurrent_optimistic_increments_of_one_key_never_lose_or_double_count_one()
    {
        await using var app = await SessionTestApp.StartAsync(
            AddGatedStore, services => services.Configure<TypedSessionsOptions>(options => options.Concurrency = SessionConcurrency.Optimistic));
        var cookie = await app.StartSessionAsync("count", 1);

        var statuses = await RunTogetherAsync(Requests, _ => app.SendAsync(HttpMethod.Post, "/increment/count", cookie));

        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"Answered {status}."));
        var saved = statuses.Count(status => status == HttpStatusCode.OK);
        Assert.True(saved >= 1, "No increment was saved.");
        using var read = await app.SendAsync(HttpMethod.Get, "/get/count", cookie);
        Assert.Equal((1 + saved).ToString(System.Globalization.CultureInfo.InvariantCulture), await read.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Concurrent_adds_to_one_list_that_does_not_exist_yet_all_survive()
    {
        await using var app = await SessionTestApp.StartAsync(AddGatedStore);
        var cookie = await app.StartSessionAsync();

        var statuses = await RunTogetherAsync(MergedRequests, i => app.SendAsync(HttpMethod.Post, $"/add/items/item{i}", cookie));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        using var read = await app.SendAsync(HttpMethod.Get, "/items/items", cookie);
        var items = await read.Content.ReadFromJsonAsync<List<string>>();
        Assert.Equal(Enumerable.Range(0, MergedRequests).Select(i => $"item{i}").Order(StringComparer.Ordinal), items!.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Concurrent_changes_of_different_elements_of_one_list_all_survive()
    {
        await using var app = await SessionTestApp.StartAsync(AddGatedStore);
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

    [SkippableFact]
    public async Task Concurrent_increments_of_one_number_under_last_writer_wins_all_answer_200_and_keep_one_of_the_values_written()
    {
        await using var app = await SessionTestApp.StartAsync(AddGatedStore);
        var cookie = await StartCountersAsync(app);

        var responses = await RunTogetherReadingAsync(MergedRequests, _ => app.SendAsync(HttpMethod.Post, "/counters/last-writer-wins", cookie));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.Status));
        var written = responses.Select(response => int.Parse(response.Body, CultureInfo.InvariantCulture)).ToHashSet();
        var final = (await ReadCountersAsync(app, cookie))[0];
        Assert.Contains(final, written);
        Assert.InRange(final, 2, 1 + MergedRequests);
    }

    [SkippableFact]
    public async Task Concurrent_increments_of_one_number_declared_reject_answer_409_to_the_losers_and_count_only_the_saved()
    {
        await using var app = await SessionTestApp.StartAsync(AddGatedStore);
        var cookie = await StartCountersAsync(app);

        var responses = await RunTogetherReadingAsync(MergedRequests, _ => app.SendAsync(HttpMethod.Post, "/counters/reject", cookie));

        Assert.All(responses, response => Assert.True(response.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"Answered {response.Status}."));
        var saved = responses.Count(response => response.Status == HttpStatusCode.OK);
        Assert.True(saved >= 1, "No increment was saved.");
        Assert.Equal(1 + saved, (await ReadCountersAsync(app, cookie))[1]);
    }

    [SkippableFact]
    public async Task Concurrent_increments_of_one_number_declared_sum_all_count()
    {
        await using var app = await SessionTestApp.StartAsync(AddGatedStore);
        var cookie = await StartCountersAsync(app);

        var responses = await RunTogetherReadingAsync(MergedRequests, _ => app.SendAsync(HttpMethod.Post, "/counters/sum", cookie));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.Status));
        Assert.Equal(1 + MergedRequests, (await ReadCountersAsync(app, cookie))[2]);
    }

    [SkippableFact]
    public async Task Concurrent_adds_of_one_line_declared_sum_all_count_and_keep_one_line_with_its_identity()
    {
        // The key does not exist yet: the first saves all add the line, later ones raise it.
        await using var app = await SessionTestApp.StartAsync(AddGatedStore);
        var cookie = await app.StartSessionAsync();

        var statuses = await RunTogetherAsync(MergedRequests, _ => app.SendAsync(HttpMethod.Post, "/counters/lines/7", cookie));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        using var read = await app.SendAsync(HttpMethod.Get, "/counters/lines", cookie);
        var line = Assert.Single((await read.Content.ReadFromJsonAsync<List<CountedLine>>())!);
        Assert.Equal((7, MergedRequests), (line.Id, line.Count));
    }

    private const int MergedRequests = 20;

    // Every counter starts at 1, each set by a request of its own.
    private static async Task<string> StartCountersAsync(SessionTestApp app)
    {
        var cookie = await app.StartSessionAsync();
        foreach (var policy in new[] { "last-writer-wins", "reject", "sum" })
        {
            using var response = await app.SendAsync(HttpMethod.Post, "/counters/" + policy, cookie);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var counters = await ReadCountersAsync(app, cookie);
        Assert.Equal([1, 1, 1], counters);
        return cookie;
    }

    private static async Task<int[]> ReadCountersAsync(SessionTestApp app, string cookie)
    {
        using var response = await app.SendAsync(HttpMethod.Get, "/counters", cookie);
        return (await response.Content.ReadFromJsonAsync<int[]>())!;
    }

    private void AddGatedStore(TypedSessionsBuilder builder)
    {
        AddStore(builder);
        RendezvousSessionRecordStore.Wrap(builder, _rendezvous);
    }

    // Every request saves once, so each of them reaches an update; a merge's retry comes after the release and passes.
    private async Task<(HttpStatusCode Status, string Body)[]> RunTogetherReadingAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        _rendezvous.Arm(GatedStoreCall.Update, count);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            using var response = await send(i);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        })).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(requests);
        Assert.True(_rendezvous.Released.IsCompleted, "The requests did not all reach the store together.");
        return responses;
    }

    private async Task<HttpStatusCode[]> RunTogetherAsync(int count, Func<int, Task<HttpResponseMessage>> send)
        => [.. (await RunTogetherReadingAsync(count, send)).Select(response => response.Status)];
}
