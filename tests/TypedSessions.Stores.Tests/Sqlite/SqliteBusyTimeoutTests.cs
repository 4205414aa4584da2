using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Sqlite;

namespace TypedSessions.Stores.Tests.Sqlite;

/// <summary>A write that meets another connection's write lock waits for it instead of failing with SQLITE_BUSY.</summary>
public sealed class SqliteBusyTimeoutTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Write_waits_for_a_competing_writer_for_the_busy_timeout()
    {
        // Microsoft.Data.Sqlite gives up on a busy statement after its command timeout (here 1 s); only SQLite's own
        // busy_timeout, which the store sets per connection, can keep the write waiting past that for the lock.
        var connectionString = new SqliteConnectionStringBuilder(_database.ConnectionString) { DefaultTimeout = 1 }.ToString();
        var options = new SqliteSessionRecordStoreOptions { ConnectionString = connectionString, BusyTimeout = TimeSpan.FromMinutes(1) };
        var store = new SqliteSessionRecordStore(Options.Create(options), _time);
        await store.ClearExpiredAsync();
        var record = new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, _time.GetUtcNow().AddHours(1));

        using var competitor = _database.OpenRaw();
        using (var transaction = competitor.BeginTransaction(deferred: false))
        {
            var write = Task.Run(async () => await store.TryCreateAsync("id", record));

            // Wall-clock time on purpose: what is tested is SQLite's own timer, which no fake clock reaches.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            Assert.False(write.IsCompleted, "The write must wait while the competitor holds the lock.");
            transaction.Commit();

            Assert.True(await write.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.NotNull(await store.LoadRecordAsync("id"));
    }

    public void Dispose() => _database.Dispose();
}
