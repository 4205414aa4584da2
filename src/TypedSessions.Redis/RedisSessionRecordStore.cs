using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TypedSessions.Stores;

namespace TypedSessions.Redis;

/// <summary>
/// Keeps each session in one Redis hash, at <c>&lt;prefix&gt;&lt;record id&gt;</c>: a field <c>k:&lt;key&gt;</c> per
/// session key holding its JSON, the expiry in the metadata field <c>m:exp</c> (Unix milliseconds), and a Redis TTL
/// set to the same instant (<c>PEXPIREAT</c>), so Redis evicts what expires.
/// </summary>
/// <remarks>
/// <para>
/// A load is one <c>HGETALL</c>. A save is one Lua script that checks the record is still live (and, in optimistic
/// mode, that the keys it changes still hold what was loaded), then deletes the removed fields and sets the changed
/// ones and the expiry in one <c>HSET</c>: untouched fields are never rewritten, so concurrent requests that change
/// different keys both survive, and a record deleted meanwhile is never resurrected.
/// </para>
/// <para>
/// Expiry follows the application's <see cref="TimeProvider"/>, not the Redis server's clock: a record whose
/// <c>m:exp</c> has passed never loads, even before its TTL fires. <see cref="ClearExpiredAsync"/> deletes such
/// records, which only exist when the two clocks disagree; it returns 0 when Redis's own eviction has done the work.
/// </para>
/// <para>
/// A session is one Redis key, so on Redis Cluster all of its data is in one hash slot, and every script declares
/// that key in <c>KEYS</c>. Anything else at the key (a value of another type, a hash without <c>m:exp</c>, a field
/// that is not JSON) makes <see cref="LoadAsync"/> report it unreadable; it is no live record to
/// <see cref="UpdateAsync"/> (not found) and <see cref="CreateAsync"/> replaces it.
/// </para>
/// </remarks>
public sealed class RedisSessionRecordStore : ISessionRecordStore
{
    private readonly RedisSessionConnection _connection;
    private readonly RedisSessionKeys _keys;
    private readonly int _database;
    private readonly int _batchSize;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the store over a multiplexer the application owns; the store never closes it.</summary>
    /// <param name="multiplexer">The connection to use; <see cref="RedisSessionRecordStoreOptions.Configuration"/> is ignored.</param>
    /// <param name="options">The key prefix and database; validated here as well as at startup.</param>
    /// <param name="timeProvider">The clock that decides which records have expired.</param>
    /// <param name="loggerFactory">Where to log; nothing is logged when omitted.</param>
    /// <exception cref="OptionsValidationException">The options are invalid, for example an empty key prefix.</exception>
    public RedisSessionRecordStore(
        IConnectionMultiplexer multiplexer, IOptions<RedisSessionRecordStoreOptions> options, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
        : this(RedisSessionConnection.Share(multiplexer ?? throw new ArgumentNullException(nameof(multiplexer))), options, timeProvider, loggerFactory)
    {
    }

    internal RedisSessionRecordStore(
        RedisSessionConnection connection, IOptions<RedisSessionRecordStoreOptions> options, TimeProvider timeProvider, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var value = options.Value;
        RedisSessionRecordStoreOptionsValidator.ThrowIfInvalid(value);
        _connection = connection;
        _keys = new RedisSessionKeys(value.KeyPrefix);
        _database = value.Database;
        _batchSize = value.ClearExpiredBatchSize;
        _time = timeProvider;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("TypedSessions.Redis");
    }

    /// <summary>The connection this store uses, for tests.</summary>
    internal RedisSessionConnection Connection => _connection;

    /// <summary>The Redis key that holds a record.</summary>
    internal RedisKey KeyFor(string recordId) => _keys.For(recordId);

    /// <inheritdoc />
    public async ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        HashEntry[] entries;
        try
        {
            entries = await database.HashGetAllAsync(_keys.For(recordId)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException exception) when (IsWrongType(exception))
        {
            return SessionLoadResult.Unreadable("The session's Redis key holds a value that is not a hash.", exception);
        }

        return RedisSessionHash.Read(entries, _time.GetUtcNow());
    }

    /// <inheritdoc />
    public async ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        ArgumentNullException.ThrowIfNull(record);
        var arguments = RedisSessionScripts.CreateArguments(_time.GetUtcNow(), record);
        return await EvaluateAsync(RedisSessionScripts.Create, recordId, arguments, cancellationToken).ConfigureAwait(false) == 1
            ? SessionWriteResult.Written
            : SessionWriteResult.IdTaken;
    }

    /// <inheritdoc />
    public async ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        ArgumentNullException.ThrowIfNull(changes);
        var arguments = RedisSessionScripts.UpdateArguments(_time.GetUtcNow(), changes);
        return await EvaluateAsync(RedisSessionScripts.Update, recordId, arguments, cancellationToken).ConfigureAwait(false) switch
        {
            RedisSessionScripts.Updated => SessionWriteResult.Written,
            RedisSessionScripts.Conflict => SessionWriteResult.Conflict,
            _ => SessionWriteResult.NotFound,
        };
    }

    /// <inheritdoc />
    public async ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        var arguments = RedisSessionScripts.TouchArguments(_time.GetUtcNow(), expiresAt);
        return await EvaluateAsync(RedisSessionScripts.Touch, recordId, arguments, cancellationToken).ConfigureAwait(false) == 1
            ? SessionWriteResult.Written
            : SessionWriteResult.NotFound;
    }

    /// <inheritdoc />
    public async ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        await database.KeyDeleteAsync(_keys.For(recordId)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Redis evicts records itself when their TTL fires, so this usually finds nothing. It scans the keys under the
    /// prefix on every primary (<c>SCAN</c>, <see cref="RedisSessionRecordStoreOptions.ClearExpiredBatchSize"/> at a time) and
    /// deletes, each in one atomic script, those whose <c>m:exp</c> has passed by the application's clock; keys under
    /// the prefix that are not session hashes are left alone.
    /// </remarks>
    public async ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
    {
        var multiplexer = await _connection.GetAsync(cancellationToken).ConfigureAwait(false);
        var database = multiplexer.GetDatabase(_database);
        var now = RedisSessionHash.Milliseconds(_time.GetUtcNow());
        var cleared = 0;
        var batch = new List<RedisKey>(_batchSize);

        // Every primary holds its own share of the keys on a cluster; replicas hold copies and are skipped.
        foreach (var server in multiplexer.GetServers().Where(static server => !server.IsReplica))
        {
            await foreach (var key in server.KeysAsync(_database, _keys.Pattern, _batchSize).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                batch.Add(key);
                if (batch.Count == _batchSize)
                {
                    cleared += await DeleteIfExpiredAsync(database, batch, now).ConfigureAwait(false);
                    batch.Clear();
                }
            }

            cleared += await DeleteIfExpiredAsync(database, batch, now).ConfigureAwait(false);
            batch.Clear();
        }

        if (cleared > 0)
        {
            Log.ExpiredSessionsCleared(_logger, cleared);
        }

        return cleared;
    }

    // One script per key, pipelined: keys of a batch may live in different slots, and a script may only touch its own.
    private static async ValueTask<int> DeleteIfExpiredAsync(IDatabase database, List<RedisKey> keys, RedisValue now)
    {
        var results = await Task.WhenAll(keys.Select(key =>
            database.ScriptEvaluateAsync(RedisSessionScripts.DeleteIfExpired, [key], [now]))).ConfigureAwait(false);
        return results.Count(static result => (long)result == 1);
    }

    private async ValueTask<long> EvaluateAsync(string script, string recordId, RedisValue[] arguments, CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var result = await database.ScriptEvaluateAsync(script, [_keys.For(recordId)], arguments).WaitAsync(cancellationToken).ConfigureAwait(false);
        return (long)result;
    }

    private async ValueTask<IDatabase> DatabaseAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var multiplexer = await _connection.GetAsync(cancellationToken).ConfigureAwait(false);
        return multiplexer.GetDatabase(_database);
    }

    private static bool IsWrongType(RedisServerException exception)
        => exception.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal);
}
