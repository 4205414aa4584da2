using System.Text.Json;
using System.Text.Json.Serialization;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// A save's work follows the keys it touches, not the session's size: in a session of 1, 10 or 100 keys, the commit
/// serializes only the values handed out, each once, and writes only the key that changed. A value changed in place
/// differs from its stored text, so that text is read once more to tell a change from a difference of form (see
/// <see cref="StoredFormTrackingTests"/>): one more serialization, of a copy, for the changed key alone.
/// </summary>
public sealed class CommitSerializationCountTests : IAsyncDisposable
{
    private readonly CountingConverter _converter = new();
    private readonly SessionServices _services;

    public CommitSerializationCountTests()
        => _services = new SessionServices(configure: options => options.JsonSerializerOptions.Converters.Add(_converter));

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public async Task One_key_changed_in_place_is_the_one_value_serialized_and_the_one_key_written(int keys)
    {
        var key = await SeedAsync(keys);
        var session = await _services.Manager.OpenAsync(key);
        _converter.Watch(session.Get<CountedValue>("key-0")!).Items.Add(1);
        _services.Store.Reset();

        await session.SaveAsync();

        Assert.Equal(1, _converter.WatchedWrites);
        Assert.Equal(1, _converter.OtherWrites);
        Assert.Equal(["Update"], _services.Store.Calls);
        Assert.Equal(["key-0"], _services.Store.LastUpdate!.Changed.Keys);
        Assert.Empty(_services.Store.LastUpdate.Removed);
        var saved = await _services.Manager.OpenAsync(key);
        Assert.Equal([0, 1], saved.Get<CountedValue>("key-0")!.Items);
        Assert.Equal(keys, saved.Keys.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(100)]
    public async Task Every_value_read_is_serialized_once_and_only_the_changed_key_is_written(int keys)
    {
        var key = await SeedAsync(keys);
        var session = await _services.Manager.OpenAsync(key);
        var values = Enumerable.Range(0, keys).Select(i => _converter.Watch(session.Get<CountedValue>($"key-{i}")!)).ToList();
        values[^1].Items.Add(1);
        _services.Store.Reset();

        await session.SaveAsync();

        Assert.Equal(keys, _converter.WatchedWrites);
        Assert.Equal(1, _converter.OtherWrites);
        Assert.Equal([$"key-{keys - 1}"], _services.Store.LastUpdate!.Changed.Keys);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task A_key_set_is_serialized_once_more_by_the_commit_however_many_keys(int keys)
    {
        var key = await SeedAsync(keys);
        var session = await _services.Manager.OpenAsync(key);
        var value = new CountedValue { Items = [7] };
        session.Set("key-0", value);
        _converter.Watch(value);

        await session.SaveAsync();

        // The value set may have been changed in place since, so the commit serializes it again: once, and nothing else.
        Assert.Equal(1, _converter.WatchedWrites);
        Assert.Equal(0, _converter.OtherWrites);
        Assert.Equal(["key-0"], _services.Store.LastUpdate!.Changed.Keys);
    }

    private async Task<string> SeedAsync(int keys)
    {
        var session = await _services.Manager.OpenAsync(null);
        for (var i = 0; i < keys; i++)
        {
            session.Set($"key-{i}", new CountedValue { Items = [i] });
        }

        await session.SaveAsync();
        return session.Key!;
    }

    public sealed class CountedValue
    {
        public List<int> Items { get; set; } = [];
    }

    private sealed class CountingConverter : JsonConverter<CountedValue>
    {
        private readonly HashSet<CountedValue> _watched = new(ReferenceEqualityComparer.Instance);
        private int _watchedWrites;
        private int _otherWrites;

        /// <summary>Writes, since the last value was watched, of the instances handed out and watched.</summary>
        public int WatchedWrites => Volatile.Read(ref _watchedWrites);

        /// <summary>Writes, since the last value was watched, of any other instance.</summary>
        public int OtherWrites => Volatile.Read(ref _otherWrites);

        public CountedValue Watch(CountedValue value)
        {
            lock (_watched)
            {
                _watched.Add(value);
            }

            Volatile.Write(ref _watchedWrites, 0);
            Volatile.Write(ref _otherWrites, 0);
            return value;
        }

        public override CountedValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => new() { Items = JsonSerializer.Deserialize<List<int>>(ref reader, options) ?? [] };

        public override void Write(Utf8JsonWriter writer, CountedValue value, JsonSerializerOptions options)
        {
            bool watched;
            lock (_watched)
            {
                watched = _watched.Contains(value);
            }

            Interlocked.Increment(ref watched ? ref _watchedWrites : ref _otherWrites);
            JsonSerializer.Serialize(writer, value.Items, options);
        }
    }
}
