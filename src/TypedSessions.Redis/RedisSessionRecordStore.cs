using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
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
/// <c>m:exp</c> has passed never loads, even before its TTL fires. <see cref="ClearExpiredAsync(CancellationToken)"/> deletes such
/// records, which only exist when the two clocks disagree; it returns 0 when Redis's own eviction has done the work.
/// </para>
/// <para>
/// A user's sessions (<see cref="ISessionUserIndex"/>) are indexed in a Redis set per user, at
/// <c>&lt;<see cref="RedisSessionRecordStoreOptions.UserIndexKeyPrefix"/>&gt;&lt;user id&gt;</c>, holding record ids.
/// The set and the records are in different hash slots, so they are written by separate commands, in an order that
/// may leave a stale id in a set (a session deleted or evicted meanwhile), never a live session out of its user's
/// set; a listing skips stale ids and prunes them. Saving or deleting a signed-in session costs one command more
/// than an anonymous one (the set's expiry follows the session's; a deleted session's id leaves the set), a sign-in
/// two more (the id is added before the record is written, and again after).
/// </para>
/// <para>
/// A session is one Redis key, so on Redis Cluster all of its data is in one hash slot, and every script declares
/// that key in <c>KEYS</c>. Anything else at the key (a value of another type, a hash without <c>m:exp</c>, a field
/// that is not JSON) makes <see cref="LoadAsync"/> report it unreadable; it is no live record to
/// <see cref="UpdateAsync"/> (not found) and <see cref="CreateAsync"/> replaces it.
/// </para>
/// </remarks>
public sealed class RedisSessionRecordStore : ISessionRecordStore, ISessionUserIndex, ISessionPurgeReporting, IDescribedSessionStore, ISessionStoreHealthProbe
{
    private readonly RedisSessionConnection _connection;
    private readonly RedisSessionKeys _keys;
    private readonly RedisUserIndex _index;
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
        _keys = new RedisSessionKeys(value.KeyPrefix, value.UserIndexKeyPrefix);
        _index = new RedisUserIndex(_keys, timeProvider, value.UserIndexGracePeriod);
        _database = value.Database;
        _batchSize = value.ClearExpiredBatchSize;
        _time = timeProvider;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("TypedSessions.Redis");
    }

    /// <inheritdoc />
    /// <remarks>
    /// <c>redis</c>, with the database index as <c>db.namespace</c> and the server's address when the configuration names
    /// exactly one; read from the configuration, without connecting.
    /// </remarks>
    public SessionStoreDescription Description
    {
        get
        {
            var (endPoints, defaultDatabase) = _connection.Target;
            var server = endPoints is [var only] ? RedisServerAddress.Of(only) : default;
            return new SessionStoreDescription
            {
                Name = "redis",
                DatabaseSystemName = "redis",
                DatabaseNamespace = (_database >= 0 ? _database : defaultDatabase).ToString(CultureInfo.InvariantCulture),
                ServerAddress = server.Address,
                ServerPort = server.Port,
            };
        }
    }

    /// <inheritdoc />
    /// <remarks>One <c>PING</c> to the server that holds the database.</remarks>
    public async ValueTask PingAsync(CancellationToken cancellationToken)
    {
        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        await database.PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The connection this store uses, for tests.</summary>
    internal RedisSessionConnection Connection => _connection;

    /// <summary>The Redis key that holds a record.</summary>
    internal RedisKey KeyFor(string recordId) => _keys.For(recordId);

    /// <summary>The Redis key of the set that indexes a user's records.</summary>
    internal RedisKey UserIndexKeyFor(string userId) => _keys.UserIndexFor(userId);

    /// <inheritdoc />
    public async ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        try
        {
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
        catch (RedisConnectionException exception)
        {
            throw RedisConnectionFailure.Of(exception);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A record with a user is added to the user's set before it is written, so that a failure or crash in between
    /// leaves a stale id in the set (pruned by the next listing) rather than a live session its user cannot list or
    /// revoke; and again after, since a listing may have met the id in between, found no record yet, and pruned it.
    /// </remarks>
    public async ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
            var userIndex = record.UserId is { } userId ? _keys.UserIndexFor(userId) : default(RedisKey?);
            if (userIndex is { } before)
            {
                await _index.AddAsync(database, before, recordId, record.ExpiresAt).WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var arguments = RedisSessionScripts.CreateArguments(_time.GetUtcNow(), record);
            var written = (long)await EvaluateAsync(database, RedisSessionScripts.Create, recordId, arguments, cancellationToken).ConfigureAwait(false) == 1;
            if (written && userIndex is { } after)
            {
                await _index.AddAsync(database, after, recordId, record.ExpiresAt).WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            return written ? SessionWriteResult.Written : SessionWriteResult.IdTaken;
        }
        catch (RedisConnectionException exception)
        {
            throw RedisConnectionFailure.Of(exception);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// An update that keeps the user pushes out the expiry of the user's set as well. One that moves the session to
    /// another user adds it to the new user's set before and after the write, as a create does, and then takes it out
    /// of the previous user's.
    /// </remarks>
    public async ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        ArgumentNullException.ThrowIfNull(changes);
        try
        {
            var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
            var newUserIndex = changes.UserIdChanged && changes.UserId is { } newUser ? _keys.UserIndexFor(newUser) : default(RedisKey?);
            if (newUserIndex is { } before)
            {
                await _index.AddAsync(database, before, recordId, changes.ExpiresAt).WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var arguments = RedisSessionScripts.UpdateArguments(_time.GetUtcNow(), changes);
            var reply = (RedisResult[])(await EvaluateAsync(database, RedisSessionScripts.Update, recordId, arguments, cancellationToken).ConfigureAwait(false))!;
            switch ((long)reply[0])
            {
                case RedisSessionScripts.Updated:
                    break;
                case RedisSessionScripts.Conflict:
                    return SessionWriteResult.Conflict;
                default:
                    return SessionWriteResult.NotFound;
            }

            var previousUser = (RedisValue)reply[1];
            var followUps = new List<Task>(2);
            if (!changes.UserIdChanged)
            {
                if (!previousUser.IsNull)
                {
                    followUps.Add(_index.ExtendAsync(database, _keys.UserIndexFor(previousUser), changes.ExpiresAt));
                }
            }
            else
            {
                var previousUserIndex = previousUser.IsNull ? default(RedisKey?) : _keys.UserIndexFor(previousUser);
                if (newUserIndex is { } after)
                {
                    followUps.Add(_index.AddAsync(database, after, recordId, changes.ExpiresAt));
                }

                if (previousUserIndex is { } previous && !SameUser(previousUser, changes.UserId))
                {
                    followUps.Add(_index.RemoveAsync(database, previous, recordId));
                }
            }

            await Task.WhenAll(followUps).WaitAsync(cancellationToken).ConfigureAwait(false);
            return SessionWriteResult.Written;
        }
        catch (RedisConnectionException exception)
        {
            throw RedisConnectionFailure.Of(exception);
        }
    }

    /// <inheritdoc />
    /// <remarks>The expiry of the user's set, if the session has a user, is pushed out with the session's.</remarks>
    public async ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        try
        {
            var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
            var arguments = RedisSessionScripts.TouchArguments(_time.GetUtcNow(), expiresAt);
            var reply = (RedisResult[])(await EvaluateAsync(database, RedisSessionScripts.Touch, recordId, arguments, cancellationToken).ConfigureAwait(false))!;
            if ((long)reply[0] != 1)
            {
                return SessionWriteResult.NotFound;
            }

            if (reply[1] is { IsNull: false } user)
            {
                await _index.ExtendAsync(database, _keys.UserIndexFor((RedisValue)user), expiresAt).WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            return SessionWriteResult.Written;
        }
        catch (RedisConnectionException exception)
        {
            throw RedisConnectionFailure.Of(exception);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One script deletes the key and returns the user it named, if any; the id is then taken out of the user's set, so
    /// that a purge never reports a deleted session as expired.
    /// </remarks>
    public async ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        try
        {
            var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
            var user = (RedisValue)await EvaluateAsync(database, RedisSessionScripts.Delete, recordId, [], cancellationToken).ConfigureAwait(false);
            if (!user.IsNull)
            {
                await _index.RemoveAsync(database, _keys.UserIndexFor(user), recordId).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RedisConnectionException exception)
        {
            throw RedisConnectionFailure.Of(exception);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Reads the user's set a page at a time (<c>SSCAN</c>, <see cref="RedisUserIndex.PageSize"/> ids), and each page's
    /// records in one pipelined batch of small scripts that return the metadata and the data's size, never the data.
    /// Ids whose record is gone, expired by the application's clock, unreadable or now another user's are not listed,
    /// and are pruned from the set. The ids already listed are remembered for the duration of the listing, since
    /// <c>SSCAN</c> may return one twice.
    /// </remarks>
    public async IAsyncEnumerable<SessionInfo> ListUserSessionsAsync(
        string userId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var pages = _index.ReadAsync(database, _keys.UserIndexFor(userId), Encoding.UTF8.GetBytes(userId), userId, cancellationToken);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            foreach (var info in page.Live)
            {
                if (listed.Add(info.RecordId))
                {
                    yield return info;
                }
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One script deletes the record if it is live and returns its user; the id is then taken out of the user's set.
    /// An unknown or expired id runs the script and writes nothing.
    /// </remarks>
    public async ValueTask<SessionRevokeResult> RevokeAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        try
        {
            var database = await DatabaseAsync(cancellationToken).ConfigureAwait(false);
            var arguments = RedisSessionScripts.RevokeArguments(_time.GetUtcNow());
            var reply = (RedisResult[])(await EvaluateAsync(database, RedisSessionScripts.Revoke, recordId, arguments, cancellationToken).ConfigureAwait(false))!;
            if ((long)reply[0] != 1)
            {
                return SessionRevokeResult.NotFound;
            }

            var user = (RedisValue)reply[1];
            if (user.IsNull)
            {
                return new SessionRevokeResult(Revoked: true, UserId: null);
            }

            await _index.RemoveAsync(database, _keys.UserIndexFor(user), recordId).WaitAsync(cancellationToken).ConfigureAwait(false);
            return new SessionRevokeResult(Revoked: true, (string?)user);
        }
        catch (RedisConnectionException exception)
        {
            throw RedisConnectionFailure.Of(exception);
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// Redis evicts records itself when their TTL fires, so this usually finds nothing. It scans the keys under the
    /// prefix on every primary (<c>SCAN</c>, <see cref="RedisSessionRecordStoreOptions.ClearExpiredBatchSize"/> at a time) and
    /// deletes, each in one atomic script, those whose <c>m:exp</c> has passed by the application's clock; keys under
    /// the prefix that are not session hashes are left alone. It counts those it deleted.
    /// </para>
    /// <para>
    /// It then reads the users' sets (<c>SCAN</c> under <see cref="RedisSessionRecordStoreOptions.UserIndexKeyPrefix"/>)
    /// as a listing does, pruning the ids of sessions that are gone: those Redis evicted, and those whose user changed.
    /// </para>
    /// </remarks>
    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default) => ClearExpiredCoreAsync(onExpired: null, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// Reports what it can see, each session once even when several instances purge at once: every record this call
    /// deletes (see <see cref="ClearExpiredAsync(CancellationToken)"/>), and every session of a user that Redis evicted
    /// itself and this call was the one to prune from the user's set. Anonymous sessions that Redis evicted itself leave
    /// no trace, and are not reported; nor are those of a user whose set a listing pruned first, since a listing reports
    /// nothing. A session whose record vanished for another reason while its id was still in the set (deleted by
    /// another client, or a sign-in that failed after adding its id or is still writing the record) is reported as well.
    /// </para>
    /// <para>
    /// The count is of the records this call deleted, as for <see cref="ClearExpiredAsync(CancellationToken)"/>: not of
    /// the sessions Redis had evicted.
    /// </para>
    /// </remarks>
    ValueTask<int> ISessionPurgeReporting.ClearExpiredAsync(Func<ExpiredSession, ValueTask> onExpired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onExpired);
        return ClearExpiredCoreAsync(onExpired, cancellationToken);
    }

    private async ValueTask<int> ClearExpiredCoreAsync(Func<ExpiredSession, ValueTask>? onExpired, CancellationToken cancellationToken)
    {
        var multiplexer = await _connection.GetAsync(cancellationToken).ConfigureAwait(false);
        var database = multiplexer.GetDatabase(_database);
        var now = RedisSessionHash.Milliseconds(_time.GetUtcNow());
        var cleared = 0;

        // Every primary holds its own share of the keys on a cluster; replicas hold copies and are skipped.
        var primaries = RedisPrimaries.List(multiplexer);
        await foreach (var batch in ScanAsync(primaries, _keys.Pattern, cancellationToken).ConfigureAwait(false))
        {
            var deleted = await DeleteIfExpiredAsync(database, batch, now, cancellationToken).ConfigureAwait(false);
            cleared += deleted.Count;
            await ReportAsync(onExpired, deleted).ConfigureAwait(false);
        }

        if (cleared > 0)
        {
            Log.ExpiredSessionsCleared(_logger, cleared);
        }

        var evicted = 0;
        await foreach (var batch in ScanAsync(primaries, _keys.UserIndexPattern, cancellationToken).ConfigureAwait(false))
        {
            var pruned = await Task.WhenAll(batch.Select(userIndex => PruneUserIndexAsync(database, userIndex, cancellationToken))).ConfigureAwait(false);
            foreach (var expired in pruned)
            {
                evicted += expired.Count;
                await ReportAsync(onExpired, expired).ConfigureAwait(false);
            }
        }

        if (evicted > 0)
        {
            Log.EvictedUserSessionsPruned(_logger, evicted);
        }

        return cleared;
    }

    // The keys under a prefix on every primary, a batch at a time.
    private async IAsyncEnumerable<List<RedisKey>> ScanAsync(
        List<IServer> primaries, RedisValue pattern, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<RedisKey>(_batchSize);
        foreach (var server in primaries)
        {
            await foreach (var key in server.KeysAsync(_database, pattern, _batchSize).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                batch.Add(key);
                if (batch.Count == _batchSize)
                {
                    yield return batch;
                    batch = new List<RedisKey>(_batchSize);
                }
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    // One script per key, pipelined: keys of a batch may live in different slots, and a script may only touch its own.
    // A deleted record of a user is taken out of the user's set; the removal that takes it out (one purge's, or a
    // listing's) decides who reports it, so that it is reported at most once.
    private async Task<List<ExpiredSession>> DeleteIfExpiredAsync(IDatabase database, List<RedisKey> keys, RedisValue now, CancellationToken cancellationToken)
    {
        var replies = await Task.WhenAll(keys.Select(key => database.ScriptEvaluateAsync(RedisSessionScripts.DeleteIfExpired, [key], [now])))
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var deleted = new List<(string RecordId, RedisValue User)>();
        for (var i = 0; i < keys.Count; i++)
        {
            var reply = (RedisResult[])replies[i]!;
            if ((long)reply[0] == 1)
            {
                deleted.Add((((string)keys[i]!)[_keys.Prefix.Length..], (RedisValue)reply[1]));
            }
        }

        var unindexed = await Task.WhenAll(deleted.Select(record => record.User.IsNull
                ? Task.FromResult(true)
                : database.SetRemoveAsync(_keys.UserIndexFor(record.User), record.RecordId)))
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return [.. deleted.Select(record => new ExpiredSession(record.RecordId, (string?)record.User)).Where((_, i) => unindexed[i])];
    }

    private async Task<List<ExpiredSession>> PruneUserIndexAsync(IDatabase database, RedisKey userIndex, CancellationToken cancellationToken)
    {
        var storedUserId = (byte[])_keys.StoredUserIdOf(userIndex)!;
        var userId = Encoding.UTF8.GetString(storedUserId);
        var expired = new List<ExpiredSession>();
        try
        {
            await foreach (var page in _index.ReadAsync(database, userIndex, storedUserId, userId, cancellationToken).ConfigureAwait(false))
            {
                expired.AddRange(page.Pruned.Where(static record => record.HasExpired).Select(record => new ExpiredSession(record.RecordId, userId)));
            }
        }
        catch (RedisServerException exception) when (IsWrongType(exception))
        {
            // Not a set: nothing this store wrote, or replaced by now; the next sign-in of the user replaces it.
        }

        return expired;
    }

    private static async ValueTask ReportAsync(Func<ExpiredSession, ValueTask>? onExpired, List<ExpiredSession> expired)
    {
        if (onExpired is null)
        {
            return;
        }

        // One at a time: handlers need not be safe for concurrent use.
        foreach (var session in expired)
        {
            await onExpired(session).ConfigureAwait(false);
        }
    }

    private async ValueTask<RedisResult> EvaluateAsync(
        IDatabase database, string script, string recordId, RedisValue[] arguments, CancellationToken cancellationToken)
        => await database.ScriptEvaluateAsync(script, [_keys.For(recordId)], arguments).WaitAsync(cancellationToken).ConfigureAwait(false);

    private async ValueTask<IDatabase> DatabaseAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var multiplexer = await _connection.GetAsync(cancellationToken).ConfigureAwait(false);
        return multiplexer.GetDatabase(_database);
    }

    private static bool SameUser(RedisValue stored, string? userId)
        => userId is not null && ((byte[])stored!).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(userId));

    private static bool IsWrongType(RedisServerException exception)
        => exception.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal);
}
