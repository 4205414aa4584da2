using System.Diagnostics;
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

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Write_waits_for_a_competing_writer_for_the_busy_timeout()
    {
        // Microsoft.Data.Sqlite gives up on a busy statement after its command timeout (here 1 s); only SQLite's own
        // busy_timeout, which the store sets per connection, can keep the write waiting past that for the lock.
        var connectionString = new SqliteConnectionStringBuilder(_database.ConnectionString) { DefaultTimeout = (int)CommandTimeout.TotalSeconds }.ToString();
        var options = new SqliteSessionRecordStoreOptions { ConnectionString = connectionString, BusyTimeout = TimeSpan.FromMinutes(1) };
        var store = new SqliteSessionRecordStore(Options.Create(options), _time);
        await store.ClearExpiredAsync();
        var record = new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, _time.GetUtcNow().AddHours(1));

        using var competitor = _database.OpenRaw();
        using (var transaction = competitor.BeginTransaction(deferred: false))
        {
            var writeStarted = new TaskCompletionSource<Stopwatch>(TaskCreationOptions.RunContinuationsAsynchronously);
            var write = Task.Run(async () =>
            {
                writeStarted.SetResult(Stopwatch.StartNew());
                return await store.TryCreateAsync("id", record);
            });

            // The competitor keeps the write lock until the write has been waiting for longer than the command timeout,
            // counted from when the write began rather than from a fixed delay, so a slow start cannot shorten the wait.
            // Wall-clock time on purpose: what is tested is SQLite's own timer, which no fake clock reaches.
            var waiting = await writeStarted.Task;
            var outlasted = CommandTimeout + TimeSpan.FromSeconds(0.5);
            for (var remaining = outlasted - waiting.Elapsed; remaining > TimeSpan.Zero && !write.IsCompleted; remaining = outlasted - waiting.Elapsed)
            {
                await Task.WhenAny(write, Task.Delay(remaining));
            }

            Assert.False(write.IsCompleted, $"The write must still wait for the lock after {waiting.Elapsed.TotalSeconds:0.0} s, past the command timeout.");
            transaction.Commit();

            Assert.True(await write.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.NotNull(await store.LoadRecordAsync("id"));
    }

    public void Dispose() => _database.Dispose();
}
