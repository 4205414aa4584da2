using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSessions.Stores;
using TypedSessions.Stores.Cached;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>A hung cache in front of a healthy durable store never fails a request, nor takes the store down.</summary>
public sealed class CachedStoreFailureTests
{
    [Fact]
    public async Task A_cache_that_hangs_on_eviction_does_not_fail_the_save()
    {
        var hung = new TaskCompletionSource();
        await using var server = await SessionTestServer.StartAsync(
            app => app.MapGet("/write", async (HttpContext context) => (await context.GetSessionAsync()).Set("n", 42)),
            options => options.StoreTimeout = TimeSpan.FromSeconds(2),
            services => services.AddTypedSessions().UseStore(provider =>
            {
                var time = provider.GetRequiredService<TimeProvider>();
                var cache = new FaultyStore(time);
                provider.GetRequiredService<CacheHolder>().Cache = cache;
                return new CachedSessionRecordStore(
                    cache, new MemorySessionRecordStore(time), provider.GetRequiredService<ILoggerFactory>(), TimeSpan.FromMilliseconds(200));
            }).Services.AddSingleton<CacheHolder>());
        var session = await server.Manager.OpenAsync(null);
        session.Set("n", 1);
        await session.SaveAsync();
        server.Services.GetRequiredService<CacheHolder>().Cache!.Hang = hung.Task;

        var response = await server.GetAsync("/write", $"sessionid={session.Key}");
        hung.SetResult();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(response.SetCookies());
        Assert.DoesNotContain(server.Logs.GetSnapshot(), log => log.Id.Name == "StoreUnavailable");
        Assert.Contains(server.Logs.GetSnapshot(), log => log.Id.Name == "CacheEvictionAfterSaveFailed");
    }

    private sealed class CacheHolder
    {
        public FaultyStore? Cache { get; set; }
    }
}
