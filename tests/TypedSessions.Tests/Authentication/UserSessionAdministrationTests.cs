using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TypedSessions.Stores;
using TypedSessions.Stores.DistributedCache;

namespace TypedSessions.Tests.Authentication;

/// <summary>
/// "Your devices" over HTTP: two browsers signed in as one user list each other, and revoking one signs it out on its
/// next request while the other stays; "everywhere else" keeps the current device. Then ISessionManager's bad input.
/// </summary>
public sealed class UserSessionAdministrationTests
{
    [Fact]
    public async Task Two_browsers_of_one_user_see_both_sessions_with_the_current_one_marked()
    {
        await using var app = await SignInTestApp.StartAsync();
        var laptop = app.NewBrowser();
        var phone = app.NewBrowser();
        (await laptop.PostAsync("/login/alice")).Dispose();
        (await phone.PostAsync("/login/alice")).Dispose();

        var fromLaptop = (await laptop.GetStringAsync("/devices")).Split('\n');

        Assert.Equal(2, fromLaptop.Length);
        Assert.Single(fromLaptop, line => line.Contains("|this|", StringComparison.Ordinal));
        Assert.All(fromLaptop, line => Assert.EndsWith("|TestBrowser/1.0|", line, StringComparison.Ordinal));
        var fromPhone = (await phone.GetStringAsync("/devices")).Split('\n');
        Assert.Equal(fromLaptop.Select(line => line.Split('|')[0]), fromPhone.Select(line => line.Split('|')[0]));
        Assert.NotEqual(
            fromLaptop.Single(line => line.Contains("|this|", StringComparison.Ordinal)).Split('|')[0],
            fromPhone.Single(line => line.Contains("|this|", StringComparison.Ordinal)).Split('|')[0]);
    }

    [Fact]
    public async Task With_recording_switched_off_no_user_agent_is_kept()
    {
        await using var app = await SignInTestApp.StartAsync(configure: options =>
        {
            options.RecordUserAgent = false;
            options.RecordRemoteAddress = false;
        });
        var browser = app.NewBrowser();
        (await browser.PostAsync("/login/alice")).Dispose();

        var device = Assert.Single((await browser.GetStringAsync("/devices")).Split('\n'));

        Assert.EndsWith("|this||", device, StringComparison.Ordinal);
        Assert.All(await app.Manager.ListUserSessionsAsync("alice"), info => Assert.Null(info.UserAgent));
    }

    [Fact]
    public async Task Revoking_one_device_signs_it_out_on_its_next_request_and_the_other_stays_signed_in()
    {
        await using var app = await SignInTestApp.StartAsync();
        var laptop = app.NewBrowser();
        var phone = app.NewBrowser();
        (await laptop.PostAsync("/login/alice")).Dispose();
        (await phone.PostAsync("/login/alice")).Dispose();
        var phoneRecord = (await phone.GetStringAsync("/devices")).Split('\n').Single(line => line.Contains("|this|", StringComparison.Ordinal)).Split('|')[0];

        using var revoke = await laptop.PostAsync($"/devices/{phoneRecord}/revoke");

        Assert.Equal("revoked", await revoke.Content.ReadAsStringAsync());
        using var phoneDenied = await phone.GetAsync("/private");
        Assert.NotEqual(HttpStatusCode.OK, phoneDenied.StatusCode);
        Assert.Null(phone.Cookie("auth"));
        Assert.Equal("secret", await laptop.GetStringAsync("/private"));
        Assert.Single((await laptop.GetStringAsync("/devices")).Split('\n'));
    }

    [Fact]
    public async Task Sign_out_everywhere_else_keeps_the_current_device()
    {
        await using var app = await SignInTestApp.StartAsync();
        var browsers = Enumerable.Range(0, 4).Select(_ => app.NewBrowser()).ToList();
        foreach (var browser in browsers)
        {
            (await browser.PostAsync("/login/alice")).Dispose();
        }

        var other = app.NewBrowser();
        (await other.PostAsync("/login/bob")).Dispose();

        using var revoke = await browsers[0].PostAsync("/devices/revoke-others");

        Assert.Equal("3", await revoke.Content.ReadAsStringAsync());
        Assert.Equal("secret", await browsers[0].GetStringAsync("/private"));
        foreach (var browser in browsers.Skip(1))
        {
            using var denied = await browser.GetAsync("/private");
            Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        }

        Assert.Equal("secret", await other.GetStringAsync("/private"));
    }

    [Fact]
    public async Task Revoking_an_unknown_record_id_returns_false_and_writes_nothing()
    {
        var store = new CountingStore(new MemorySessionRecordStore(TimeProvider.System));
        await using var app = await SignInTestApp.StartAsync(store: store);
        var browser = app.NewBrowser();
        (await browser.PostAsync("/login/alice")).Dispose();
        var writes = store.Writes;

        Assert.False(await app.Manager.RevokeAsync(new string('a', 64)));
        Assert.False(await app.Manager.RevokeAsync("not a record id"));

        Assert.Equal(writes, store.Writes);
        Assert.Equal("secret", await browser.GetStringAsync("/private"));
    }

    [Fact]
    public async Task A_user_id_that_is_empty_or_over_256_characters_is_rejected_naming_the_limit()
    {
        await using var app = await SignInTestApp.StartAsync();
        var tooLong = new string('u', Session.MaxUserIdLength + 1);

        var empty = await Assert.ThrowsAsync<ArgumentException>(() => app.Manager.ListUserSessionsAsync("").AsTask());
        var longList = await Assert.ThrowsAsync<ArgumentException>(() => app.Manager.ListUserSessionsAsync(tooLong).AsTask());
        var longRevoke = await Assert.ThrowsAsync<ArgumentException>(() => app.Manager.RevokeUserSessionsAsync(tooLong).AsTask());
        var session = await app.Manager.OpenAsync(null);
        var longSet = Assert.Throws<ArgumentException>(() => session.SetUserId(tooLong));
        Assert.Throws<ArgumentException>(() => session.SetUserId(""));

        Assert.Contains("must not be empty", empty.Message, StringComparison.Ordinal);
        Assert.All([longList, longRevoke, longSet], exception => Assert.Contains("at most 256 characters", exception.Message, StringComparison.Ordinal));
        Assert.Empty(await app.Manager.ListUserSessionsAsync(new string('u', Session.MaxUserIdLength)));
    }

    [Fact]
    public async Task A_sign_in_whose_principal_names_no_user_fails_with_a_message_naming_the_option()
    {
        await using var app = await SignInTestApp.StartAsync(
            services: services => services.Configure<SessionAuthenticationOptions>(options => options.GetUserId = _ => null));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => app.NewBrowser().PostAsync("/login/alice"));

        Assert.Contains(nameof(SessionAuthenticationOptions.GetUserId), exception.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> StoresWithoutAnIndex => ["distributed cache", "cookie", "a cache over a distributed cache"];

    [Theory]
    [MemberData(nameof(StoresWithoutAnIndex))]
    public async Task Stores_that_cannot_list_sessions_say_which_stores_can(string store)
    {
        var services = new ServiceCollection().AddLogging().AddDataProtection().Services;
        services.AddSingleton<IDistributedCache>(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
        var builder = services.AddTypedSessions(options => options.PurgeInterval = null);
        _ = store switch
        {
            "distributed cache" => builder.AddDistributedCacheStore(),
            "cookie" => builder.AddCookieStore(),
            _ => builder.AddDistributedCacheStore().AddCachedStore(cache => cache.AddMemoryStore()),
        };
        await using var provider = services.BuildServiceProvider();
        var manager = provider.GetRequiredService<ISessionManager>();

        var list = await Assert.ThrowsAsync<NotSupportedException>(() => manager.ListUserSessionsAsync("alice").AsTask());
        await Assert.ThrowsAsync<NotSupportedException>(() => manager.RevokeAsync(new string('a', 64)).AsTask());
        await Assert.ThrowsAsync<NotSupportedException>(() => manager.RevokeUserSessionsAsync("alice").AsTask());

        Assert.Contains("SQLite, PostgreSQL and Redis", list.Message, StringComparison.Ordinal);
    }

    /// <summary>Counts the writes that reach a store.</summary>
    private sealed class CountingStore(MemorySessionRecordStore inner) : DelegatingSessionRecordStore(inner), ISessionUserIndex
    {
        private int _writes;

        public int Writes => _writes;

        public override ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
            => Count(Inner.CreateAsync(recordId, record, cancellationToken));

        public override ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
            => Count(Inner.UpdateAsync(recordId, changes, cancellationToken));

        public override ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
            => Count(Inner.TouchAsync(recordId, expiresAt, cancellationToken));

        public override ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writes);
            return Inner.DeleteAsync(recordId, cancellationToken);
        }

        public IAsyncEnumerable<SessionInfo> ListUserSessionsAsync(string userId, CancellationToken cancellationToken = default)
            => inner.ListUserSessionsAsync(userId, cancellationToken);

        public async ValueTask<SessionRevokeResult> RevokeAsync(string recordId, CancellationToken cancellationToken = default)
        {
            var result = await inner.RevokeAsync(recordId, cancellationToken);
            if (result.Revoked)
            {
                Interlocked.Increment(ref _writes);
            }

            return result;
        }

        private ValueTask<T> Count<T>(ValueTask<T> write)
        {
            Interlocked.Increment(ref _writes);
            return write;
        }
    }
}
