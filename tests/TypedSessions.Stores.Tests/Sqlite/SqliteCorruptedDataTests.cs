using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Sqlite;

namespace TypedSessions.Stores.Tests.Sqlite;

/// <summary>Garbage in <c>session_data</c> (disk damage or tampering) never fails a request.</summary>
public sealed class SqliteCorruptedDataTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static TheoryData<string> Garbage => ["not json", "{\"unterminated\": ", "[1,2,3]", "\"a string\"", "42", "null", ""];

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Load_of_corrupted_data_throws_session_data_corrupted(string garbage)
    {
        var store = _database.CreateStore(_time);
        Assert.True(await store.TryCreateAsync("id", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, _time.GetUtcNow().AddHours(1))));
        Corrupt("id", garbage);

        await Assert.ThrowsAsync<SessionDataCorruptedException>(async () => await store.LoadRecordAsync("id"));
    }

    [Fact]
    public async Task Corrupted_session_opens_empty_and_keyless_with_a_security_warning()
    {
        using var services = SqliteTestHost.Build(_database, _time);
        var manager = services.GetRequiredService<ISessionManager>();
        var session = await manager.OpenAsync(null);
        session.Set("user", 42);
        await session.SaveAsync();
        var key = session.Key!;
        Corrupt(ExpectedRecordId.For(key), "{ garbage");

        var reopened = await manager.OpenAsync(key);

        Assert.Null(reopened.Key);
        Assert.True(reopened.IsEmpty);
        Assert.False(reopened.ContainsKey("user"));
        var warning = Assert.Single(services.GetFakeLogCollector().GetSnapshot(), r => r.Category == "TypedSessions.Security");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Session data corrupted", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_over_corrupted_data_writes_the_saving_request_values_and_logs_a_security_warning()
    {
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(logs)));
        var store = new SqliteSessionRecordStore(Options.Create(new SqliteSessionRecordStoreOptions { ConnectionString = _database.ConnectionString }), _time, loggerFactory);
        var expiresAt = _time.GetUtcNow().AddHours(1);
        Assert.True(await store.TryCreateAsync("id", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, expiresAt)));
        Corrupt("id", "not json");

        var update = new SessionChanges
        {
            Values = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" },
            Changed = new Dictionary<string, string> { ["b"] = "2" },
            Removed = [],
            ExpiresAt = expiresAt,
        };
        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync("id", update));

        var loaded = await store.LoadRecordAsync("id");
        Assert.NotNull(loaded);
        Assert.Equal(update.Values.OrderBy(p => p.Key), loaded.Values.OrderBy(p => p.Key));
        var warning = Assert.Single(logs.GetSnapshot(), r => r.Category == "TypedSessions.Security");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Session data corrupted", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overwriting_corrupted_data_logs_neither_the_data_nor_an_exception_quoting_it()
    {
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(logs)));
        var store = new SqliteSessionRecordStore(Options.Create(new SqliteSessionRecordStoreOptions { ConnectionString = _database.ConnectionString }), _time, loggerFactory);
        var expiresAt = _time.GetUtcNow().AddHours(1);
        Assert.True(await store.TryCreateAsync("id", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, expiresAt)));
        Corrupt("id", "{\"a\": SECRET-" + new string('x', 100_000));

        var update = new SessionChanges
        {
            Values = new Dictionary<string, string> { ["b"] = "2" },
            Changed = new Dictionary<string, string> { ["b"] = "2" },
            Removed = [],
            ExpiresAt = expiresAt,
        };
        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync("id", update));

        var warning = Assert.Single(logs.GetSnapshot(), r => r.Id.Name == "CorruptedRecordOverwritten");
        Assert.Null(warning.Exception);
        Assert.DoesNotContain("SECRET", warning.Message, StringComparison.Ordinal);
        Assert.True(warning.Message.Length < 1_000, $"A log line of {warning.Message.Length} characters.");
    }

    public void Dispose() => _database.Dispose();

    private void Corrupt(string recordId, string garbage)
    {
        using var connection = _database.OpenRaw();
        Assert.Equal(1, connection.Execute("UPDATE typed_sessions SET session_data = $data WHERE session_key = $id", ("$data", garbage), ("$id", recordId)));
    }
}
