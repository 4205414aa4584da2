using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Testing;
using TypedSessions.Engine;
using TypedSessions.Serialization;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;
using TypedSessions.Tests.Typed;

namespace TypedSessions.Tests.HostileData;

/// <summary>
/// Session data never reaches the logs: a stored value that does not fit its property is logged by key, expected type
/// and length, and a corrupted record by the store's problem (bounded) and the error's type, never by an exception
/// message that may quote what it failed to read.
/// </summary>
public sealed class StoredValueLoggingTests : IAsyncLifetime
{
    private const string Marker = "SECRET-";

    // A 100 KB stored string: what once made a 100,779-character log line.
    private static readonly string HugeValue = JsonSerializer.Serialize(Marker + new string('x', 100_000));

    private readonly SessionServices _services = new();

    public static TheoryData<string, string> Properties => new()
    {
        { "prefs.Level", "enum" },
        { "Everything.Duration", "TimeSpan" },
        { "Everything.Day", "DateOnly" },
        { "Everything.Time", "TimeOnly" },
        { "Everything.Letter", "char" },
        { "Everything.Id", "Guid" },
        { "Everything.Money", "decimal" },
        { "Basket.Shipping", "JSON class" },
        { "Everything.Numbers", "array" },
        { "Everything.Scores", "dictionary" },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Theory]
    [MemberData(nameof(Properties))]
    public async Task A_stored_value_that_does_not_fit_its_property_is_logged_by_key_type_and_length_never_by_value(string key, string kind)
    {
        var session = await OpenSeededAsync(key, HugeValue);

        _ = kind switch
        {
            "enum" => (object)session.GetState<Preferences>().Level,
            "TimeSpan" => session.GetState<Everything>().Duration,
            "DateOnly" => session.GetState<Everything>().Day,
            "TimeOnly" => session.GetState<Everything>().Time,
            "char" => session.GetState<Everything>().Letter,
            "Guid" => session.GetState<Everything>().Id,
            "decimal" => session.GetState<Everything>().Money,
            "JSON class" => session.GetState<Basket>().Shipping,
            "array" => session.GetState<Everything>().Numbers,
            _ => session.GetState<Everything>().Scores,
        };

        var mismatch = Assert.Single(_services.Logs.GetSnapshot(), log => log.Id.Name == "SessionValueMismatch");
        Assert.Contains($"'{key}'", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains(HugeValue.Length.ToString(CultureInfo.InvariantCulture), mismatch.Message, StringComparison.Ordinal);
        AssertNoLogQuotes(Marker);
    }

    [Fact]
    public async Task The_untyped_api_logs_a_value_that_does_not_fit_the_same_way()
    {
        var session = await OpenSeededAsync("count", HugeValue);

        Assert.Equal(0, session.Get<int>("count"));
        Assert.False(session.TryGet<DayOfWeek>("count", out _));

        Assert.Single(_services.Logs.GetSnapshot(), log => log.Id.Name == "SessionValueMismatch");
        AssertNoLogQuotes(Marker);
    }

    [Fact]
    public void The_enum_codec_never_puts_the_stored_value_in_its_error()
    {
        var error = Assert.Throws<JsonException>(() => SessionJson.Deserialize(HugeValue, SessionCodecs.Enum<DayOfWeek>(), JsonSerializerOptions.Default));

        Assert.DoesNotContain(Marker, error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(DayOfWeek), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupted_record_is_logged_with_a_bounded_problem_and_the_error_types_never_the_error_message()
    {
        var quoting = new SessionDataCorruptedException("Bad: " + HugeValue, new FormatException("Could not read " + HugeValue));
        await using var services = new SessionServices(store: _ => new UnreadableStore("The store quotes what it read: " + HugeValue, quoting));

        var session = await services.Manager.OpenAsync(SessionKeys.NewKey());

        Assert.True(session.IsEmpty);
        var corrupted = Assert.Single(services.Logs.GetSnapshot(), log => log.Id.Name == "SessionDataCorrupted");
        Assert.Null(corrupted.Exception);
        Assert.Contains("SessionDataCorruptedException ← FormatException", corrupted.Message, StringComparison.Ordinal);
        Assert.True(corrupted.Message.Length < 1_000, $"A log line of {corrupted.Message.Length} characters.");
        AssertNoLogQuotes(Marker[..^1] + new string('x', 300), services.Logs);
    }

    private async Task<Session> OpenSeededAsync(string key, string json)
    {
        var sessionKey = SessionKeys.NewKey();
        var record = new SessionRecord(new Dictionary<string, string> { [key] = json }, _services.Time.GetUtcNow().AddHours(1));
        Assert.Equal(SessionWriteResult.Written, await _services.Store.CreateAsync(SessionKeys.ToRecordId(sessionKey), record));
        return await _services.Manager.OpenAsync(sessionKey);
    }

    private void AssertNoLogQuotes(string text) => AssertNoLogQuotes(text, _services.Logs);

    private static void AssertNoLogQuotes(string text, FakeLogCollector logs)
    {
        foreach (var log in logs.GetSnapshot())
        {
            Assert.DoesNotContain(text, log.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(text, log.Exception?.ToString() ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(text, string.Join("|", log.StructuredState?.Select(pair => pair.Value) ?? []), StringComparison.Ordinal);
        }
    }
}
