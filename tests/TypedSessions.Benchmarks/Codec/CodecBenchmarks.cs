using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TypedSessions.Serialization;

namespace TypedSessions.Benchmarks.Codec;

/// <summary>
/// What it costs to write and to read the ten values of a realistic state (<see cref="CheckoutState"/>: ints, strings,
/// a Guid, a DateTimeOffset, an enum and a list of twenty small records), each value on its own as the session stores
/// it: one key, one JSON text. The generated codecs, run the way the session runs them (<see cref="SessionJson"/>, on
/// the session's own options), against System.Text.Json with reflection, the baseline of each category, and against a
/// source-generated <see cref="JsonSerializerContext"/>. A last row gives the session's options that same context, as
/// an app does for native AOT, since the generator hands types it does not read itself (the records) to those options.
/// Every contender writes the same JSON (web defaults, enums by name), which the setup checks, so the rows differ only
/// in how the work is done.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CodecBenchmarks
{
    private static readonly JsonSerializerOptions Reflection = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly CheckoutJsonContext Context = CheckoutJsonContext.Default;

    private readonly CheckoutValues _values = CheckoutValues.Sample();
    private readonly CheckoutValues _read = new();
    private readonly string[] _written = new string[10];
    private string[] _stored = [];
    private JsonSerializerOptions _session = null!;
    private JsonSerializerOptions _sessionWithContext = null!;

    [GlobalSetup]
    public void Setup()
    {
        _session = SessionOptions(_ => { });
        _sessionWithContext = SessionOptions(options => options.UseJsonSerializerContext(Context));
        _stored = [.. Write_generated()];
        string[][] others = [[.. Write_reflection()], [.. Write_context()], [.. Write_generated_with_context()]];
        if (others.Any(json => !json.SequenceEqual(_stored)))
        {
            throw new InvalidOperationException("The contenders write different JSON, so they would not be compared like for like.");
        }

        foreach (var read in new Func<CheckoutValues>[] { Read_reflection, Read_context, Read_generated, Read_generated_with_context })
        {
            if (!read().SameAs(_values))
            {
                throw new InvalidOperationException($"{read.Method.Name} does not read back the values written.");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "System.Text.Json, reflection"), BenchmarkCategory("write")]
    public string[] Write_reflection()
    {
        var (values, json) = (_values, _written);
        json[0] = JsonSerializer.Serialize(values.CustomerId, Reflection);
        json[1] = JsonSerializer.Serialize(values.Visits, Reflection);
        json[2] = JsonSerializer.Serialize(values.LoyaltyPoints, Reflection);
        json[3] = JsonSerializer.Serialize(values.DisplayName, Reflection);
        json[4] = JsonSerializer.Serialize(values.Currency, Reflection);
        json[5] = JsonSerializer.Serialize(values.Coupon, Reflection);
        json[6] = JsonSerializer.Serialize(values.BasketId, Reflection);
        json[7] = JsonSerializer.Serialize(values.StartedAt, Reflection);
        json[8] = JsonSerializer.Serialize(values.Step, Reflection);
        json[9] = JsonSerializer.Serialize(values.Lines, Reflection);
        return json;
    }

    [Benchmark(Description = "System.Text.Json, JsonSerializerContext"), BenchmarkCategory("write")]
    public string[] Write_context()
    {
        var (values, json) = (_values, _written);
        json[0] = JsonSerializer.Serialize(values.CustomerId, Context.Int32);
        json[1] = JsonSerializer.Serialize(values.Visits, Context.Int32);
        json[2] = JsonSerializer.Serialize(values.LoyaltyPoints, Context.Int64);
        json[3] = JsonSerializer.Serialize(values.DisplayName, Context.String);
        json[4] = JsonSerializer.Serialize(values.Currency, Context.String);
        json[5] = JsonSerializer.Serialize(values.Coupon, Context.String);
        json[6] = JsonSerializer.Serialize(values.BasketId, Context.Guid);
        json[7] = JsonSerializer.Serialize(values.StartedAt, Context.DateTimeOffset);
        json[8] = JsonSerializer.Serialize(values.Step, Context.CheckoutStep);
        json[9] = JsonSerializer.Serialize(values.Lines, Context.ListCheckoutLine);
        return json;
    }

    [Benchmark(Description = "generated codecs"), BenchmarkCategory("write")]
    public string[] Write_generated() => WriteGenerated(_session);

    [Benchmark(Description = "generated codecs, options with the context"), BenchmarkCategory("write")]
    public string[] Write_generated_with_context() => WriteGenerated(_sessionWithContext);

    [Benchmark(Baseline = true, Description = "System.Text.Json, reflection"), BenchmarkCategory("read")]
    public CheckoutValues Read_reflection()
    {
        var (json, values) = (_stored, _read);
        values.CustomerId = JsonSerializer.Deserialize<int>(json[0], Reflection);
        values.Visits = JsonSerializer.Deserialize<int>(json[1], Reflection);
        values.LoyaltyPoints = JsonSerializer.Deserialize<long>(json[2], Reflection);
        values.DisplayName = JsonSerializer.Deserialize<string>(json[3], Reflection)!;
        values.Currency = JsonSerializer.Deserialize<string>(json[4], Reflection)!;
        values.Coupon = JsonSerializer.Deserialize<string?>(json[5], Reflection);
        values.BasketId = JsonSerializer.Deserialize<Guid>(json[6], Reflection);
        values.StartedAt = JsonSerializer.Deserialize<DateTimeOffset>(json[7], Reflection);
        values.Step = JsonSerializer.Deserialize<CheckoutStep>(json[8], Reflection);
        values.Lines = JsonSerializer.Deserialize<List<CheckoutLine>>(json[9], Reflection)!;
        return values;
    }

    [Benchmark(Description = "System.Text.Json, JsonSerializerContext"), BenchmarkCategory("read")]
    public CheckoutValues Read_context()
    {
        var (json, values) = (_stored, _read);
        values.CustomerId = JsonSerializer.Deserialize(json[0], Context.Int32);
        values.Visits = JsonSerializer.Deserialize(json[1], Context.Int32);
        values.LoyaltyPoints = JsonSerializer.Deserialize(json[2], Context.Int64);
        values.DisplayName = JsonSerializer.Deserialize(json[3], Context.String)!;
        values.Currency = JsonSerializer.Deserialize(json[4], Context.String)!;
        values.Coupon = JsonSerializer.Deserialize(json[5], Context.String);
        values.BasketId = JsonSerializer.Deserialize(json[6], Context.Guid);
        values.StartedAt = JsonSerializer.Deserialize(json[7], Context.DateTimeOffset);
        values.Step = JsonSerializer.Deserialize(json[8], Context.CheckoutStep);
        values.Lines = JsonSerializer.Deserialize(json[9], Context.ListCheckoutLine)!;
        return values;
    }

    [Benchmark(Description = "generated codecs"), BenchmarkCategory("read")]
    public CheckoutValues Read_generated() => ReadGenerated(_session);

    [Benchmark(Description = "generated codecs, options with the context"), BenchmarkCategory("read")]
    public CheckoutValues Read_generated_with_context() => ReadGenerated(_sessionWithContext);

    private string[] WriteGenerated(JsonSerializerOptions options)
    {
        var (values, json) = (_values, _written);
        json[0] = SessionJson.Serialize(values.CustomerId, CheckoutCodecs.CustomerId, options);
        json[1] = SessionJson.Serialize(values.Visits, CheckoutCodecs.Visits, options);
        json[2] = SessionJson.Serialize(values.LoyaltyPoints, CheckoutCodecs.LoyaltyPoints, options);
        json[3] = SessionJson.Serialize(values.DisplayName, CheckoutCodecs.DisplayName, options);
        json[4] = SessionJson.Serialize(values.Currency, CheckoutCodecs.Currency, options);
        json[5] = SessionJson.Serialize(values.Coupon, CheckoutCodecs.Coupon, options);
        json[6] = SessionJson.Serialize(values.BasketId, CheckoutCodecs.BasketId, options);
        json[7] = SessionJson.Serialize(values.StartedAt, CheckoutCodecs.StartedAt, options);
        json[8] = SessionJson.Serialize(values.Step, CheckoutCodecs.Step, options);
        json[9] = SessionJson.Serialize(values.Lines, CheckoutCodecs.Lines, options);
        return json;
    }

    private CheckoutValues ReadGenerated(JsonSerializerOptions options)
    {
        var (json, values) = (_stored, _read);
        values.CustomerId = SessionJson.Deserialize(json[0], CheckoutCodecs.CustomerId, options);
        values.Visits = SessionJson.Deserialize(json[1], CheckoutCodecs.Visits, options);
        values.LoyaltyPoints = SessionJson.Deserialize(json[2], CheckoutCodecs.LoyaltyPoints, options);
        values.DisplayName = SessionJson.Deserialize(json[3], CheckoutCodecs.DisplayName, options);
        values.Currency = SessionJson.Deserialize(json[4], CheckoutCodecs.Currency, options);
        values.Coupon = SessionJson.Deserialize(json[5], CheckoutCodecs.Coupon, options);
        values.BasketId = SessionJson.Deserialize(json[6], CheckoutCodecs.BasketId, options);
        values.StartedAt = SessionJson.Deserialize(json[7], CheckoutCodecs.StartedAt, options);
        values.Step = SessionJson.Deserialize(json[8], CheckoutCodecs.Step, options);
        values.Lines = SessionJson.Deserialize(json[9], CheckoutCodecs.Lines, options);
        return values;
    }

    // The options a running session serializes with, after the library has filled in what the app left unset.
    private static JsonSerializerOptions SessionOptions(Action<TypedSessionsOptions> configure)
    {
        using var services = new ServiceCollection().AddTypedSessions(configure).AddMemoryStore().Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<TypedSessionsOptions>>().Value.JsonSerializerOptions;
    }
}
