using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using TypedSessions.Engine;
using Microsoft.Data.Sqlite;
using TypedSessions.Sqlite;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// Nothing a log line carries (message, structured values, exception text) holds a session key, a cookie value or a
/// stored value, at Debug level, over a journey through every logged path: create, read, write, merge conflicts,
/// cycle, flush, unknown, malformed and hostile cookies, a value that no longer fits its property, and a corrupted
/// record.
/// </summary>
public sealed class LogHygieneTests : IAsyncLifetime
{
    private const string SecretValue = "s3cr3t-value-in-the-session";

    // A shared in-memory SQLite database, so the test can damage a row behind the store's back.
    private readonly string _database = $"Data Source=file:log-hygiene-{Guid.NewGuid():N}?mode=memory&cache=shared";
    private SqliteConnection _keepAlive = null!;
    private SessionTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _keepAlive = new SqliteConnection(_database);
        await _keepAlive.OpenAsync();
        _server = await SessionTestServer.StartAsync(Map, services: services => services.AddTypedSessions().AddSqliteStore(_database));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _keepAlive.DisposeAsync();
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/write", async (HttpContext context) => (await context.GetSessionAsync()).Set("note", SecretValue));
        app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<string>("note") ?? "none");
        app.MapGet("/read-as-number", async (HttpContext context) => (await context.GetSessionAsync()).Get<int>("note"));
        app.MapGet("/add", async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            var list = session.Get<List<string>>("list") ?? [];
            list.Add(SecretValue + list.Count);
            session.Set("list", list);
        });
        app.MapGet("/cycle", async (HttpContext context) => await (await context.GetSessionAsync()).CycleKeyAsync());
        app.MapGet("/flush", async (HttpContext context) => await (await context.GetSessionAsync()).FlushAsync());
    }

    [Fact]
    public async Task No_log_line_holds_a_key_a_cookie_or_a_stored_value()
    {
        var keys = new List<string>();
        var key = (await _server.GetAsync("/write")).SessionKey();
        keys.Add(key);
        await _server.GetAsync("/read", $"sessionid={key}");
        await _server.GetAsync("/read-as-number", $"sessionid={key}");
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _server.GetAsync("/add", $"sessionid={key}")));
        var cycled = (await _server.GetAsync("/cycle", $"sessionid={key}")).SessionKey();
        keys.Add(cycled);
        await _server.GetAsync("/flush", $"sessionid={cycled}");
        var hostile = new[] { "unknownunknownunknownunknown0000", "not-a-key-" + SecretValue, "%00%01" + SecretValue };
        foreach (var cookie in hostile)
        {
            await _server.GetAsync("/read", $"sessionid={cookie}");
        }

        var corrupted = (await _server.GetAsync("/write")).SessionKey();
        keys.Add(corrupted);
        var recordId = _server.Services.GetRequiredService<ISessionKeyScheme>().ToRecordId(corrupted);
        await using (var damage = _keepAlive.CreateCommand())
        {
            damage.CommandText = $"UPDATE {SqliteSessionRecordStoreOptions.DefaultTableName} SET session_data = $data WHERE session_key = $id";
            damage.Parameters.AddWithValue("$data", "{\"note\": \"" + SecretValue);
            damage.Parameters.AddWithValue("$id", recordId);
            Assert.Equal(1, await damage.ExecuteNonQueryAsync());
        }

        await _server.GetAsync("/read", $"sessionid={corrupted}");

        var logs = _server.Logs.GetSnapshot();
        Assert.Contains(logs, log => log.Id.Name == "SessionValueMismatch");
        Assert.Contains(logs, log => log.Id.Name == "SessionDataCorrupted");
        Assert.Contains(logs, log => log.Id.Name == "SessionNotFound");
        var secrets = keys.Concat(hostile).Append(SecretValue).ToList();
        foreach (var log in logs)
        {
            var text = Describe(log);
            Assert.DoesNotContain(secrets, secret => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static string Describe(FakeLogRecord log)
        => string.Join(
            "\n",
            new[] { log.Message, log.Exception?.ToString() }
                .Concat(log.StructuredState?.Select(pair => pair.Key + "=" + pair.Value) ?? []));
}
