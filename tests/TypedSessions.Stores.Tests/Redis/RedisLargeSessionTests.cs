using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// Lua's <c>unpack</c> cannot spread more than about 8,000 values into one call, so the scripts write large sessions
/// in slices; a session of thousands of keys must still be created and updated whole, in one atomic script.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisLargeSessionTests(RedisServerFixture redis)
{
    private const int Keys = 20_000;

    private readonly FakeTimeProvider _time = TestClock.New();

    [SkippableFact]
    public async Task Sessions_with_thousands_of_keys_are_created_and_updated_whole()
    {
        var store = RedisTestStores.Create(redis, _time);
        var values = Enumerable.Range(0, Keys).ToDictionary(i => $"key{i}", i => $"{i}");
        Assert.True(await store.TryCreateAsync("id", new SessionRecord(values, _time.GetUtcNow().AddHours(1))));

        var changed = Enumerable.Range(0, Keys / 2).ToDictionary(i => $"key{i}", i => $"\"changed {i}\"");
        var removed = Enumerable.Range(Keys / 2, Keys / 4).Select(i => $"key{i}").ToList();
        var expected = Enumerable.Range(0, Keys / 2).ToDictionary(i => $"key{i}", i => (string?)$"{i}");
        var update = new SessionChanges
        {
            Values = new Dictionary<string, string>(),
            Changed = changed,
            Removed = removed,
            ExpiresAt = _time.GetUtcNow().AddHours(2),
            ExpectedValues = expected,
        };
        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync("id", update));

        var loaded = await store.LoadRecordAsync("id");
        Assert.NotNull(loaded);
        Assert.Equal(Keys - removed.Count, loaded.Values.Count);
        Assert.Equal("\"changed 0\"", loaded.Values["key0"]);
        Assert.Equal($"\"changed {(Keys / 2) - 1}\"", loaded.Values[$"key{(Keys / 2) - 1}"]);
        Assert.False(loaded.Values.ContainsKey($"key{Keys / 2}"));
        Assert.Equal($"{Keys - 1}", loaded.Values[$"key{Keys - 1}"]);
    }
}
