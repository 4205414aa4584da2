using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>A user with ten thousand sessions is listed whole, page by page; the times are printed, never asserted.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisUserIndexScaleTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Sessions = 10_000;

    [SkippableFact]
    public async Task Ten_thousand_sessions_of_one_user_are_each_listed_once()
    {
        var store = RedisTestStores.Create(redis, TimeProvider.System);
        var expiresAt = DateTimeOffset.UtcNow.AddHours(1);
        var ids = Enumerable.Range(0, Sessions).Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))).ToList();
        var creating = Stopwatch.StartNew();
        foreach (var chunk in ids.Chunk(1_000))
        {
            // A thousand sign-ins in flight at once: the multiplexer pipelines them.
            var created = await Task.WhenAll(chunk.Select(id => store.TryCreateAsync(id, Record(expiresAt))));
            Assert.All(created, Assert.True);
        }

        creating.Stop();

        var listing = Stopwatch.StartNew();
        var listed = new List<string>(Sessions);
        await foreach (var info in store.ListUserSessionsAsync("many"))
        {
            listed.Add(info.RecordId);
        }

        listing.Stop();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Created {Sessions:N0} sessions of one user in {creating.ElapsedMilliseconds:N0} ms; listed them in {listing.ElapsedMilliseconds:N0} ms."));
        Assert.Equal(Sessions, listed.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    private static SessionRecord Record(DateTimeOffset expiresAt)
        => new(new Dictionary<string, string> { ["cart"] = "[1,2,3]" }, expiresAt) { UserId = "many", CreatedAt = DateTimeOffset.UtcNow };
}
