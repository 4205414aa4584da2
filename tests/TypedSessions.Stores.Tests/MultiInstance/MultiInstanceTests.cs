using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>
/// The promises of one instance, kept by several instances on one store with no sticky sessions
/// (<see cref="AppInstances"/>): concurrent saves of different keys and of different lines of one key, optimistic
/// conflicts, "sign out everywhere", the per-user session limit, the purge, and key cycling at sign-in. Concurrent
/// requests meet at the store (<see cref="StoreRendezvous"/>), so every one has loaded before any writes. Each test
/// writes one summary line (<c>MultiInstance | store | promise | counts</c>) to its output. A store's subclass registers
/// it in <see cref="AddStore"/>; a further store (a Redis Cluster) needs only a subclass.
/// </summary>
public abstract class MultiInstanceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int ConcurrentKeys = 48;
    private const int SessionLimit = 3;
    private const int SignIns = 24;
    private const int Expired = 90;
    private const int Live = 9;

    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(10);

    private readonly StoreRendezvous _rendezvous = new();
    private AppInstances? _instances;

    /// <summary>The store's name in the summary lines.</summary>
    protected abstract string StoreName { get; }

    /// <summary>
    /// Registers the store on instance <paramref name="instance"/>: every call names the same store (file, prefix or
    /// table), over a store object and connections of the instance's own.
    /// </summary>
    protected abstract void AddStore(TypedSessionsBuilder sessions, int instance);

    /// <summary>Skips the test (fails it under CI) when the store's server is unavailable.</summary>
    protected virtual void EnsureAvailable()
    {
    }

    [SkippableFact]
    public async Task Concurrent_requests_spread_over_three_instances_each_setting_a_key_of_one_session_all_survive()
    {
        var instances = await StartAsync(3);
        using var browser = instances.NewBrowser();
        await SucceedsAsync(browser.SendAsync(HttpMethod.Post, "/set/start/1"));

        _rendezvous.Arm(GatedStoreCall.Update, ConcurrentKeys);
        var responses = await browser.SendTogetherAsync(HttpMethod.Post, [.. Enumerable.Range(0, ConcurrentKeys).Select(i => $"/set/k{i}/{i}")]);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.Status));
        Assert.Equal([16, 16, 16], PerInstance(instances, responses));
        string[] expected = ["start", .. Enumerable.Range(0, ConcurrentKeys).Select(i => $"k{i}")];
        for (var instance = 0; instance < 3; instance++)
        {
            Assert.Equal(expected.Order(StringComparer.Ordinal), await browser.KeysOnAsync(instance));
        }

        Summary("no lost updates across keys", $"{ConcurrentKeys}/{ConcurrentKeys} keys kept, requests per instance {string.Join("/", PerInstance(instances, responses))}");
    }

    [SkippableFact]
    public async Task Two_tabs_on_two_instances_changing_different_lines_of_one_cart_both_keep_their_change()
    {
        var instances = await StartAsync(2, options => options.Concurrency = SessionConcurrency.Merge);
        using var browser = instances.NewBrowser();
        await SucceedsAsync(browser.SendAsync(HttpMethod.Post, "/cart/lines/3"));

        _rendezvous.Arm(GatedStoreCall.Update, 2);
        var responses = await browser.SendTogetherAsync(HttpMethod.Post, ["/cart/lines/1/quantity/5", "/cart/lines/2/quantity/7"], tab => tab);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.Status));
        Assert.Equal([0, 1], responses.Select(response => response.Instance));
        for (var instance = 0; instance < 2; instance++)
        {
            using var read = await browser.SendToAsync(instance, HttpMethod.Get, "/cart");
            var cart = await read.Content.ReadFromJsonAsync<ShopCart>();
            Assert.Equal([(1, 5), (2, 7), (3, 1)], cart!.Lines.OrderBy(line => line.Id).Select(line => (line.Id, line.Quantity)));
        }

        Summary("within-key merge (Merge)", "2/2 line changes from two tabs on two instances kept");
    }

    [SkippableFact]
    public async Task A_cart_written_on_one_instance_reads_on_another_that_has_written_nothing_yet()
    {
        // A freshly started instance's first use of a type is a read of what another instance wrote.
        var instances = await StartAsync(2);
        using var browser = instances.NewBrowser();
        await SucceedsAsync(browser.SendToAsync(0, HttpMethod.Post, "/cart/lines/2"));

        using var read = await browser.SendToAsync(1, HttpMethod.Get, "/cart");

        var cart = await read.Content.ReadFromJsonAsync<ShopCart>();
        Assert.Equal([(1, 1), (2, 1)], cart!.Lines.Select(line => (line.Id, line.Quantity)));
        Assert.DoesNotContain(instances.Logs[1].GetSnapshot(), log => log.Id.Name == "SessionValueMismatch");

        Summary("a value written on one instance reads on a fresh one", "2/2 cart lines read on the instance that had written nothing");
    }

    [SkippableFact]
    public async Task Conflicting_optimistic_saves_on_two_instances_one_wins_and_the_other_answers_409()
    {
        var instances = await StartAsync(2, options => options.Concurrency = SessionConcurrency.Optimistic);
        using var browser = instances.NewBrowser();
        await SucceedsAsync(browser.SendAsync(HttpMethod.Post, "/set/choice/0"));

        _rendezvous.Arm(GatedStoreCall.Update, 2);
        var responses = await browser.SendTogetherAsync(HttpMethod.Post, ["/set/choice/1", "/set/choice/2"], tab => tab);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(response => response.Status).Order());
        var winner = Array.FindIndex(responses, response => response.Status == HttpStatusCode.OK);
        for (var instance = 0; instance < 2; instance++)
        {
            using var read = await browser.SendToAsync(instance, HttpMethod.Get, "/get/choice");
            Assert.Equal((winner + 1).ToString(CultureInfo.InvariantCulture), await read.Content.ReadAsStringAsync());
        }

        Summary("optimistic 409 (Optimistic)", $"2 conflicting saves: 1 × 200 (instance {responses[winner].Instance}), 1 × 409, the winner's value stored");
    }

    [SkippableFact]
    public async Task Signing_out_everywhere_on_one_instance_signs_the_browsers_out_on_the_other()
    {
        var instances = await StartAsync(2);
        using var laptop = instances.NewBrowser();
        using var phone = instances.NewBrowser();
        await SucceedsAsync(laptop.SendToAsync(0, HttpMethod.Post, "/login/alice"));
        await SucceedsAsync(phone.SendToAsync(1, HttpMethod.Post, "/login/alice"));
        foreach (var browser in new[] { laptop, phone })
        {
            for (var instance = 0; instance < 2; instance++)
            {
                await SucceedsAsync(browser.SendToAsync(instance, HttpMethod.Get, "/private"));
            }
        }

        using (var signOut = await phone.SendToAsync(1, HttpMethod.Post, "/sign-out-everywhere"))
        {
            Assert.Equal(HttpStatusCode.OK, signOut.StatusCode);
            Assert.Equal("2", await signOut.Content.ReadAsStringAsync());
        }

        // The laptop signed in on instance 0 and is refused there, its sign-in cookie deleted, and then on instance 1 too.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(laptop.SendToAsync(0, HttpMethod.Get, "/private")));
        Assert.DoesNotContain(".AspNetCore.Cookies", laptop.Jar.Cookies.Keys);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(laptop.SendToAsync(1, HttpMethod.Get, "/private")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(phone.SendToAsync(0, HttpMethod.Get, "/private")));
        Assert.Empty(await instances.Manager(0).ListUserSessionsAsync("alice"));

        Summary("sign out everywhere", "2/2 sessions revoked on instance 1; both browsers refused on both instances");
    }

    [SkippableFact]
    public async Task Concurrent_sign_ins_spread_over_two_instances_leave_the_user_exactly_the_session_limit()
    {
        var instances = await StartAsync(2, options => options.MaxSessionsPerUser = SessionLimit);
        var browsers = Enumerable.Range(0, SignIns).Select(_ => instances.NewBrowser()).ToList();
        try
        {
            _rendezvous.Arm(GatedStoreCall.Create, SignIns);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var signIns = browsers.Select(browser => Task.Run(async () =>
            {
                await start.Task;
                using var response = await browser.SendAsync(HttpMethod.Post, "/login/alice");
                return (response.StatusCode, Instance: InstanceBrowser.ServedBy(response));
            })).ToList();
            start.SetResult();
            var results = await Task.WhenAll(signIns);

            Assert.All(results, result => Assert.Equal(HttpStatusCode.OK, result.StatusCode));
            var perInstance = Enumerable.Range(0, 2).Select(instance => results.Count(result => result.Instance == instance)).ToList();
            Assert.Equal([SignIns / 2, SignIns / 2], perInstance);
            Assert.Equal(SessionLimit, (await instances.Manager(0).ListUserSessionsAsync("alice")).Count);
            Assert.Equal(SessionLimit, (await instances.Manager(1).ListUserSessionsAsync("alice")).Count);
            var stillSignedIn = 0;
            foreach (var browser in browsers)
            {
                stillSignedIn += await StatusAsync(browser.SendAsync(HttpMethod.Get, "/private")) == HttpStatusCode.OK ? 1 : 0;
            }

            Assert.Equal(SessionLimit, stillSignedIn);
            Assert.All(instances.Logs, logs => Assert.DoesNotContain(logs.GetSnapshot(), log => log.Id.Name == "SessionLimitNotEnforced"));

            Summary("MaxSessionsPerUser", $"{SignIns} concurrent sign-ins ({string.Join("/", perInstance)} per instance), limit {SessionLimit}: {SessionLimit} left, {SignIns - SessionLimit} revoked");
        }
        finally
        {
            browsers.ForEach(browser => browser.Dispose());
        }
    }

    [SkippableFact]
    public async Task Every_instance_purging_at_once_removes_and_counts_each_expired_session_exactly_once()
    {
        var time = TestClock.New();
        var instances = await StartAsync(
            3, options => options.PurgeInterval = PurgeInterval, configureServices: (services, _) => services.AddSingleton<TimeProvider>(time));
        await SeedAsync(instances, Expired, TimeSpan.FromMinutes(5));
        var live = await SeedAsync(instances, Live, expiry: null);

        _rendezvous.Arm(GatedStoreCall.ClearExpired, 3);
        time.Advance(PurgeInterval);
        var counts = await Task.WhenAll(instances.Logs.Select(WaitForPurgeAsync));

        Assert.True(_rendezvous.Released.IsCompleted, "The instances' purges did not overlap.");
        Assert.Equal(Expired, counts.Sum());
        Assert.All(instances.Logs, logs => Assert.DoesNotContain(logs.GetSnapshot(), IsSessionProblem));
        Assert.Equal(0, await instances.Manager(0).ClearExpiredAsync());
        foreach (var (key, i) in live.Select((key, i) => (key, i)))
        {
            Assert.True(await instances.Manager(i % 3).ExistsAsync(key));
        }

        Summary("purge on every instance at once", $"{Expired} expired, removed {string.Join(" + ", counts)} = {counts.Sum()}; {Live}/{Live} live kept; 0 errors");
    }

    [SkippableFact]
    public async Task A_key_cycled_at_sign_in_on_one_instance_is_dead_on_the_other()
    {
        var instances = await StartAsync(2);
        using var browser = instances.NewBrowser();
        await SucceedsAsync(browser.SendToAsync(0, HttpMethod.Post, "/set/cart/1"));
        var before = browser.SessionCookie!;

        await SucceedsAsync(browser.SendToAsync(1, HttpMethod.Post, "/login/alice"));

        Assert.NotEqual(before, browser.SessionCookie);
        using var stale = instances.NewBrowser();
        stale.Jar.SetCookie(instances.SessionCookieName, before);
        Assert.Empty(await stale.KeysOnAsync(0));
        Assert.Empty(await stale.KeysOnAsync(1));
        Assert.Equal(["cart"], await browser.KeysOnAsync(0));

        Summary("key cycled at sign-in", "old key empty on 2/2 instances; new key keeps the data");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_instances is not null)
        {
            await _instances.DisposeAsync();
        }
    }

    private async Task<AppInstances> StartAsync(
        int count, Action<TypedSessionsOptions>? configureSessions = null, Action<IServiceCollection, int>? configureServices = null)
    {
        EnsureAvailable();
        _instances = await AppInstances.StartAsync(
            count,
            (sessions, instance) =>
            {
                AddStore(sessions, instance);
                RendezvousSessionRecordStore.Wrap(sessions, _rendezvous);
            },
            configureSessions,
            configureServices);
        return _instances;
    }

    private void Summary(string promise, string counts) => output.WriteLine($"MultiInstance | {StoreName} | {promise} | {counts}");

    private static int[] PerInstance(AppInstances instances, InstanceResponse[] responses)
        => [.. Enumerable.Range(0, instances.Instances.Count).Select(instance => responses.Count(response => response.Instance == instance))];

    private static async Task SucceedsAsync(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpStatusCode> StatusAsync(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        return response.StatusCode;
    }

    // A warning or error of the library's own (the framework's, such as Data Protection's unencrypted key ring, are not its).
    private static bool IsSessionProblem(Microsoft.Extensions.Logging.Testing.FakeLogRecord log)
        => log.Level >= LogLevel.Warning && log.Category?.StartsWith("TypedSessions", StringComparison.Ordinal) == true;

    // Sessions made through every instance in turn, a few at a time.
    private static async Task<string[]> SeedAsync(AppInstances instances, int count, TimeSpan? expiry)
    {
        var keys = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, _) =>
        {
            var session = await instances.Manager(i % instances.Instances.Count).OpenAsync(null);
            session.Set("seeded", true);
            if (expiry is { } age)
            {
                session.SetExpiry(age);
            }

            await session.SaveAsync();
            keys[i] = session.Key!;
        });
        return keys;
    }

    // The purge runs off the clock's thread: wait for its log line, with a deadline a loaded machine cannot miss.
    private static async Task<int> WaitForPurgeAsync(Microsoft.Extensions.Logging.Testing.FakeLogCollector logs)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var done = logs.GetSnapshot().FirstOrDefault(log => log.Id.Id is PurgingHost.PurgedEventId or PurgingHost.PurgeFailedEventId);
            if (done is not null)
            {
                Assert.Equal(PurgingHost.PurgedEventId, done.Id.Id);
                return int.Parse(done.GetStructuredStateValue("Count")!, CultureInfo.InvariantCulture);
            }

            Assert.True(DateTime.UtcNow < deadline, "An instance did not finish its purge within 60 s.");
            await Task.Delay(20);
        }
    }
}
