using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores;
using TypedSessions.Stores.Cookie;
using TypedSessions.Stores.DistributedCache;
using Xunit.Abstractions;

namespace TypedSessions.Tests.HostileData;

/// <summary>
/// The record decoders of the stores in this assembly, each on 100,000 random and mutated inputs (<see cref="FuzzInputs"/>):
/// the envelope an <c>IDistributedCache</c> entry holds, the same envelope sealed in a cookie, and the JSON object of
/// values. No exception escapes a load; what is found is a record that writes back as it was read.
/// </summary>
public sealed class RecordDecoderFuzzTests(ITestOutputHelper output)
{
    private const int Inputs = 100_000;
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly SessionRecord[] Records =
    [
        new(Values(("a", "1")), Now.AddHours(1)),
        new(Values(("Cart.Lines", """[{"id":1,"name":"T\u00e9a","qty":2},{"id":2,"name":"\u4e2d","qty":-1.5e3}]"""), ("_session_expiry", "1209600"), ("cur", "\"EUR\"")), Now.AddDays(14))
        {
            CreatedAt = Now.AddDays(-1), LastSavedAt = Now, UserId = "user-42",
        },
        new(Values(("nested", """{"a":{"b":{"c":[true,false,null,"x\"y\\z"]}}}"""), ("_session_expiry", "\"browser-close\"")), Now.AddMinutes(1)) { LastSavedAt = Now },
        new(Values(), Now.AddSeconds(1)) { CreatedAt = Now },
    ];

    private static readonly byte[][] Envelopes =
    [
        .. Records.Select(SessionRecordEnvelope.Encode),
        Encoding.UTF8.GetBytes($$$"""{"e":{{{Now.AddHours(1).ToUnixTimeMilliseconds()}}},"v":{"count":3,"name":"Ann"}}"""),
    ];

    private static readonly byte[][] ValueObjects = [.. Records.Select(record => Encoding.UTF8.GetBytes(SessionDataFormat.Encode(record.Values)))];

    [Fact]
    public async Task The_distributed_cache_envelope_decoder_survives_100000_hostile_entries()
    {
        var cache = new FixedCache();
        var store = new DistributedCacheSessionRecordStore(cache, Options.Create(new DistributedCacheSessionRecordStoreOptions()), new FakeTimeProvider(Now));
        var outcomes = new LoadOutcomes();

        var elapsed = FuzzRun.Check(
            Inputs,
            random => FuzzInputs.Next(random, Envelopes),
            input =>
            {
                cache.Value = input;
                var loaded = store.LoadAsync(Id).AsTask().GetAwaiter().GetResult();
                outcomes.Add(loaded);
                AssertWritesBackAsRead(loaded);
            },
            FuzzInputs.Describe);

        output.WriteLine($"{Inputs:N0} entries in {elapsed.TotalSeconds:0.00} s: {outcomes}");
        Assert.True(outcomes.Found > 0 && outcomes.Unreadable > 0, $"The inputs should reach both outcomes: {outcomes}");
        await Task.CompletedTask;
    }

    [Fact]
    public void The_cookie_store_survives_100000_hostile_cookies_sealed_with_its_own_key_or_tampered_with()
    {
        var time = new FakeTimeProvider(Now);
        var seal = new CookieSessionSeal(new EphemeralDataProtectionProvider(), new UnsealedCookieLog(time, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        var store = new CookieSessionRecordStore(seal, time);
        var sealedCookies = Envelopes.Select(envelope => Encoding.ASCII.GetBytes(seal.SealEnvelope(envelope))).ToArray();
        var outcomes = new LoadOutcomes();

        var elapsed = FuzzRun.Check(
            Inputs,
            random => random.Next(4) == 0
                // A tampered cookie: the sealed text itself mutated, as a browser could send it.
                ? Encoding.UTF8.GetString(FuzzInputs.Next(random, sealedCookies))
                // A cookie sealed with the app's key around a mutated envelope: a leaked key, or an old version's bug.
                : seal.SealEnvelope(FuzzInputs.Next(random, Envelopes)),
            cookie =>
            {
                var loaded = store.LoadAsync(cookie).AsTask().GetAwaiter().GetResult();
                outcomes.Add(loaded);
                AssertWritesBackAsRead(loaded);
            },
            FuzzInputs.Describe);

        output.WriteLine($"{Inputs:N0} cookies in {elapsed.TotalSeconds:0.00} s: {outcomes}");
        Assert.True(outcomes.Found > 0 && outcomes.Unreadable > 0, $"The inputs should reach both outcomes: {outcomes}");
    }

    [Fact]
    public void The_values_object_decoder_survives_100000_hostile_texts()
    {
        var (decoded, corrupted) = (0, 0);

        var elapsed = FuzzRun.Check(
            Inputs,
            random => FuzzInputs.NextString(random, ValueObjects),
            text =>
            {
                Dictionary<string, string> values;
                try
                {
                    values = SessionDataFormat.Decode(text);
                }
                catch (SessionDataCorruptedException)
                {
                    corrupted++;
                    return;
                }

                decoded++;
                Assert.Equal(values, SessionDataFormat.Decode(SessionDataFormat.Encode(values)));
            },
            FuzzInputs.Describe);

        output.WriteLine($"{Inputs:N0} texts in {elapsed.TotalSeconds:0.00} s: {decoded:N0} decoded, {corrupted:N0} corrupted");
        Assert.True(decoded > 0 && corrupted > 0);
    }

    // A record a load found is one the store can write again and read back the same: nothing half-read.
    private static void AssertWritesBackAsRead(SessionLoadResult loaded)
    {
        if (loaded.Record is not { } record)
        {
            return;
        }

        Assert.True(record.ExpiresAt > Now, "An expired record was found.");
        var again = SessionRecordEnvelope.Decode(SessionRecordEnvelope.Encode(record));
        Assert.Equal(record.Values.OrderBy(pair => pair.Key, StringComparer.Ordinal), again.Values.OrderBy(pair => pair.Key, StringComparer.Ordinal));
        Assert.Equal((record.ExpiresAt, record.CreatedAt, record.LastSavedAt, record.UserId, record.FormatVersion), (again.ExpiresAt, again.CreatedAt, again.LastSavedAt, again.UserId, again.FormatVersion));
        foreach (var json in record.Values.Values)
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1024 });
        }
    }

    private static Dictionary<string, string> Values(params (string Key, string Json)[] values) => values.ToDictionary(pair => pair.Key, pair => pair.Json);


    // The entry under test, whatever the key: the decoder is what is fuzzed, not the cache.
    private sealed class FixedCache : IDistributedCache
    {
        public byte[]? Value { get; set; }

        public byte[]? Get(string key) => Value;

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Value);

        public void Refresh(string key)
        {
        }

        public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

        public void Remove(string key) => Value = null;

        public Task RemoveAsync(string key, CancellationToken token = default) => Task.CompletedTask;

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Value = value;

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => Task.CompletedTask;
    }
}
