using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// Change detection serializes each tracked value at most once per commit: the committer computes the session's
/// changes once and the cookie headers reuse them. Reading a value serializes nothing: the stored text is its baseline.
/// </summary>
public sealed class SerializationCountTests : IAsyncLifetime
{
    private readonly CountingConverter _converter = new();
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(
        app =>
        {
            // Leaves the response unsent: saved at the end of the middleware.
            app.MapGet("/add", async (HttpContext context) =>
            {
                _converter.Watch((await _converter.StartCounting(context.GetSessionAsync())).Get<CountedCart>("cart")!).Items.Add(1);
            });

            // Writes its own body: saved as the response starts.
            app.MapGet("/add-streamed", async (HttpContext context) =>
            {
                _converter.Watch((await _converter.StartCounting(context.GetSessionAsync())).Get<CountedCart>("cart")!).Items.Add(1);
                await context.Response.WriteAsync("ok");
            });

            // Only reads: compared once, written never.
            app.MapGet("/read", async (HttpContext context) =>
            {
                _ = _converter.Watch((await _converter.StartCounting(context.GetSessionAsync())).Get<CountedCart>("cart")!).Items.Count;
            });
        },
        options => options.JsonSerializerOptions.Converters.Add(_converter));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/add")]
    [InlineData("/add-streamed")]
    public async Task A_value_changed_in_place_is_serialized_once_by_the_commit_that_saves_it(string path)
    {
        var key = await _server.SeedSessionAsync(session => session.Set("cart", new CountedCart()));

        var response = await _server.GetAsync(path, $"sessionid={key}");

        Assert.Single(response.SetCookies());
        Assert.Equal(1, _converter.WatchedWrites);
        Assert.Equal([1], (await _server.Manager.OpenAsync(key)).Get<CountedCart>("cart")!.Items);
    }

    [Fact]
    public async Task A_value_only_read_is_serialized_once_by_the_commit_to_compare_and_never_written()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("cart", new CountedCart()));

        await _server.GetAsync("/read", $"sessionid={key}");

        Assert.Equal(1, _converter.WatchedWrites);
        Assert.Equal(1, _converter.Writes);
        Assert.Equal(["Load"], _server.Store.Calls);
    }

    public sealed class CountedCart
    {
        public List<int> Items { get; set; } = [];
    }

    private sealed class CountingConverter : JsonConverter<CountedCart>
    {
        private int _writes;
        private int _watchedWrites;
        private CountedCart? _watched;

        /// <summary>Writes since the request under test loaded its session.</summary>
        public int Writes => Volatile.Read(ref _writes);

        /// <summary>Writes of the very instance the request under test was handed.</summary>
        public int WatchedWrites => Volatile.Read(ref _watchedWrites);

        /// <summary>Counts from here on: the writes that reading the session and committing it make.</summary>
        public T StartCounting<T>(T loaded)
        {
            Volatile.Write(ref _writes, 0);
            Volatile.Write(ref _watchedWrites, 0);
            return loaded;
        }

        public CountedCart Watch(CountedCart cart)
        {
            Volatile.Write(ref _watched, cart);
            return cart;
        }

        public override CountedCart Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => new() { Items = JsonSerializer.Deserialize<List<int>>(ref reader, options) ?? [] };

        public override void Write(Utf8JsonWriter writer, CountedCart value, JsonSerializerOptions options)
        {
            Interlocked.Increment(ref _writes);
            if (ReferenceEquals(value, Volatile.Read(ref _watched)))
            {
                Interlocked.Increment(ref _watchedWrites);
            }

            JsonSerializer.Serialize(writer, value.Items, options);
        }
    }
}
