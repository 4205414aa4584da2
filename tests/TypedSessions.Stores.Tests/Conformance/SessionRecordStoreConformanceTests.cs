using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores;

namespace TypedSessions.Stores.Tests.Conformance;

/// <summary>
/// The <see cref="ISessionRecordStore"/> contract, run against every store: each concrete subclass supplies a fresh,
/// empty store per test. The clock is fake, so expiry is tested to the second without sleeping. Tests are
/// <c>[SkippableFact]</c>s so that a store whose server binary is missing skips them (see <c>ServerBinaries</c>).
/// </summary>
public abstract partial class SessionRecordStoreConformanceTests
{
    private readonly Lazy<ISessionRecordStore> _store;

    protected SessionRecordStoreConformanceTests()
    {
        Time = new(Start);
        _store = new(() => CreateStore(Time), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>When this test's fake clock starts: relative to the real time, so stores that expire by the server's clock keep the records.</summary>
    protected DateTimeOffset Start { get; } = TestClock.NewStart();

    protected FakeTimeProvider Time { get; }

    /// <summary>
    /// The store under test, made on first use so that subclasses can finish their own setup first. Exactly one per
    /// test, even when the first use is by 50 concurrent writers: two stores would mean two tables and two winners.
    /// </summary>
    protected ISessionRecordStore Store => _store.Value;

    protected DateTimeOffset InOneHour => Time.GetUtcNow().AddHours(1);

    /// <summary>Creates an empty store that reads the time from <paramref name="timeProvider"/>.</summary>
    protected abstract ISessionRecordStore CreateStore(TimeProvider timeProvider);

    /// <summary>A record id as the engine makes them: 64 lowercase hex digits.</summary>
    protected static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    protected static Dictionary<string, string> Values(params (string Key, string Json)[] values)
        => values.ToDictionary(pair => pair.Key, pair => pair.Json, StringComparer.Ordinal);

    protected static SessionRecord Record(DateTimeOffset expiresAt, params (string Key, string Json)[] values)
        => new(Values(values), expiresAt);

    /// <summary>
    /// The update the engine sends after a request loaded <paramref name="loaded"/>, set <paramref name="set"/> and
    /// removed <paramref name="removed"/>: <see cref="SessionChanges.Values"/> is that request's whole view.
    /// </summary>
    protected static SessionChanges Update(
        IReadOnlyDictionary<string, string> loaded,
        DateTimeOffset expiresAt,
        (string Key, string Json)[]? set = null,
        string[]? removed = null)
    {
        var changed = Values(set ?? []);
        var removedKeys = (removed ?? []).ToList();
        var after = new Dictionary<string, string>(loaded, StringComparer.Ordinal);
        removedKeys.ForEach(key => after.Remove(key));
        foreach (var (key, json) in changed)
        {
            after[key] = json;
        }

        return new SessionChanges { Values = after, Changed = changed, Removed = removedKeys, ExpiresAt = expiresAt };
    }

    protected async Task<SessionRecord> CreateLiveAsync(string id, params (string Key, string Json)[] values)
    {
        Assert.True(await Store.TryCreateAsync(id, Record(InOneHour, values)));
        return Assert.IsType<SessionRecord>(await Store.LoadRecordAsync(id));
    }

    /// <summary>
    /// The record holds exactly the expected keys, each with JSON of the same meaning: the contract is JSON per key, and
    /// a store may hand back normalized text (PostgreSQL's jsonb sorts object members and decodes escapes).
    /// </summary>
    protected static void AssertValues(IReadOnlyDictionary<string, string> expected, SessionRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Values.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, json) in expected)
        {
            using var expectedJson = System.Text.Json.JsonDocument.Parse(json);
            using var actualJson = System.Text.Json.JsonDocument.Parse(actual.Values[key]);
            Assert.True(
                System.Text.Json.JsonElement.DeepEquals(expectedJson.RootElement, actualJson.RootElement),
                $"Key '{key}': expected {json}, stored {actual.Values[key]}.");
        }
    }
}
