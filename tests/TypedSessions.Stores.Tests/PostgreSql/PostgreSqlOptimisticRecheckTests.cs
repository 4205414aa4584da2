using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>
/// An optimistic save that has to wait for the row lock of a concurrent save is checked against what that save wrote.
/// Under READ COMMITTED, PostgreSQL re-evaluates a waiting UPDATE's conditions on the row's newest version, and only
/// conditions that this recheck really re-runs protect the expected values. Each test holds the row with a concurrent
/// save in an open transaction on a second connection, waits until the store's save is blocked on it, then commits.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlOptimisticRecheckTests(PostgreSqlServerFixture postgres) : IAsyncLifetime
{
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _table = PostgreSqlServerFixture.NewTableName();

    // The store's connections carry this name, so pg_stat_activity tells when its save waits for a lock.
    private readonly string _applicationName = "recheck-" + Guid.NewGuid().ToString("N");
    private NpgsqlDataSource? _dataSource;
    private PostgreSqlSessionRecordStore? _store;

    private DateTimeOffset InOneHour => _time.GetUtcNow().AddHours(1);

    private DateTimeOffset Later => _time.GetUtcNow().AddDays(1);

    private PostgreSqlSessionRecordStore Store => _store!;

    public async Task InitializeAsync()
    {
        if (postgres.UnavailableReason is not null)
        {
            return;
        }

        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { ApplicationName = _applicationName });
        _store = new PostgreSqlSessionRecordStore(_dataSource, Options.Create(new PostgreSqlSessionRecordStoreOptions { TableName = _table }), _time);

        // First use creates the table; done here so that the only statement that can wait on a lock is the save.
        await _store.ClearExpiredAsync();
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_save_that_waited_for_a_concurrent_change_of_an_expected_key_is_a_conflict_and_writes_nothing()
    {
        postgres.EnsureAvailable();

        var result = await IncrementBehindConcurrentSaveAsync("""session_data || '{"count": 1}'""");

        Assert.Equal(SessionWriteResult.Conflict, result);
        await AssertStoredAsync("""{"count": 1, "other": "x"}""", InOneHour);
    }

    [SkippableFact]
    public async Task A_save_that_waited_for_a_concurrent_removal_of_an_expected_key_is_a_conflict_and_writes_nothing()
    {
        postgres.EnsureAvailable();

        var result = await IncrementBehindConcurrentSaveAsync("session_data - 'count'");

        Assert.Equal(SessionWriteResult.Conflict, result);
        await AssertStoredAsync("""{"other": "x"}""", InOneHour);
    }

    [SkippableFact]
    public async Task A_save_that_waited_for_a_concurrent_creation_of_a_key_expected_absent_is_a_conflict_and_writes_nothing()
    {
        postgres.EnsureAvailable();

        var result = await IncrementBehindConcurrentSaveAsync("""session_data || '{"by": "A"}'""");

        Assert.Equal(SessionWriteResult.Conflict, result);
        await AssertStoredAsync("""{"by": "A", "count": 0, "other": "x"}""", InOneHour);
    }

    [SkippableFact]
    public async Task A_save_that_waited_for_a_concurrent_change_of_other_keys_applies_on_top_of_it()
    {
        postgres.EnsureAvailable();

        var result = await IncrementBehindConcurrentSaveAsync("""session_data || '{"unrelated": 1}'""");

        Assert.Equal(SessionWriteResult.Written, result);
        await AssertStoredAsync("""{"by": "B", "count": 1, "other": "x", "unrelated": 1}""", Later);
    }

    // Holds the row with an uncommitted concurrent save (session_data set to concurrentData), starts the store's
    // optimistic increment of "count" (also writing "by" and expecting "other" unchanged), waits until that save blocks
    // on the row lock, commits the concurrent save, and returns what the store's save reported.
    private async Task<SessionWriteResult> IncrementBehindConcurrentSaveAsync(string concurrentData)
    {
        Assert.True(await Store.TryCreateAsync(Id, new SessionRecord(Values(("count", "0"), ("other", "\"x\"")), InOneHour)));
        var increment = new SessionChanges
        {
            Values = Values(("count", "1"), ("other", "\"x\""), ("by", "\"B\"")),
            Changed = Values(("count", "1"), ("by", "\"B\"")),
            Removed = [],
            ExpiresAt = Later,
            ExpectedValues = new Dictionary<string, string?>(StringComparer.Ordinal) { ["other"] = "\"x\"", ["count"] = "0", ["by"] = null },
        };

        await using var concurrent = await postgres.DataSource.OpenConnectionAsync();
        await using var transaction = await concurrent.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand($"UPDATE \"{_table}\" SET session_data = {concurrentData}", concurrent, transaction))
        {
            Assert.Equal(1, await hold.ExecuteNonQueryAsync());
        }

        var save = Store.UpdateAsync(Id, increment).AsTask();
        await WaitUntilBlockedOnLockAsync(save);
        await transaction.CommitAsync();
        return await save.WaitAsync(Patience);
    }

    // Polls rather than sleeps: the save must be seen waiting, or the test would not reproduce the interleaving at all.
    private async Task WaitUntilBlockedOnLockAsync(Task<SessionWriteResult> save)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var waiting = await postgres.QueryAsync(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", _applicationName);
            if (waiting is ["1"])
            {
                return;
            }

            Assert.False(save.IsCompleted, $"The save finished ({(save.IsCompletedSuccessfully ? save.Result : save.Exception)}) without waiting for the row lock.");
            Assert.True(DateTime.UtcNow < deadline, "The save never waited for the row lock.");
            await Task.Delay(10);
        }
    }

    private async Task AssertStoredAsync(string json, DateTimeOffset expiresAt)
    {
        Assert.Equal([json], await postgres.QueryAsync($"SELECT session_data::text FROM \"{_table}\""));
        Assert.Equal(expiresAt, (await Store.LoadRecordAsync(Id))!.ExpiresAt);
    }

    private static Dictionary<string, string> Values(params (string Key, string Json)[] values)
        => values.ToDictionary(pair => pair.Key, pair => pair.Json, StringComparer.Ordinal);
}
