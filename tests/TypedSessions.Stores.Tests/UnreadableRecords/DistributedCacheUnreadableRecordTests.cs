using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Stores.DistributedCache;

namespace TypedSessions.Stores.Tests.UnreadableRecords;

/// <summary>An unreadable expiry in an <c>IDistributedCache</c> entry: envelope member <c>e = 99999999999999999</c>.</summary>
public sealed class DistributedCacheUnreadableRecordTests : UnreadableRecordTests
{
    protected override void AddStore(TypedSessionsBuilder builder)
    {
        builder.Services.AddDistributedMemoryCache();
        builder.AddDistributedCacheStore();
    }

    protected override async Task MakeExpiryUnreadableAsync(IServiceProvider services, string recordId)
    {
        var cache = services.GetRequiredService<IDistributedCache>();
        var key = DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + recordId;
        var entry = Encoding.UTF8.GetString((await cache.GetAsync(key))!);
        var damaged = System.Text.RegularExpressions.Regex.Replace(entry, "\"e\":[0-9]+", "\"e\":99999999999999999");
        Assert.NotEqual(entry, damaged);
        await cache.SetAsync(key, Encoding.UTF8.GetBytes(damaged));
    }

    protected override async Task<bool> IsKeptAsync(IServiceProvider services, string recordId)
        => await services.GetRequiredService<IDistributedCache>().GetAsync(DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + recordId) is not null;
}
