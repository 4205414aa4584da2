using StackExchange.Redis;
using TypedSessions.Stores;

namespace TypedSessions.Redis;

/// <summary>
/// The Lua scripts that make create-only, update-only and the optimistic check atomic: Redis runs a script with no
/// other command in between. Each touches exactly one key, the session's hash, passed as <c>KEYS[1]</c>, so they run
/// on Redis Cluster; those that change or end a record also return its user id (<c>m:uid</c>), so that the store can
/// keep the user's set (<see cref="RedisUserIndexScripts"/>) in step with a command of its own. "Now" comes from the
/// application's clock as <c>ARGV[1]</c>, never from Redis, so expiry follows one clock (and a fake one in tests). StackExchange.Redis sends a script's text once per connection
/// (<c>SCRIPT LOAD</c>, <c>EVAL</c>), then only its SHA-1 (<c>EVALSHA</c>), and sends the text again should the
/// server have lost it (<c>NOSCRIPT</c> after a restart or <c>SCRIPT FLUSH</c>).
/// </summary>
internal static class RedisSessionScripts
{
    public const long NotFound = 0;
    public const long Updated = 1;
    public const long Conflict = 2;

    // unpack() is bounded by Lua's C stack (about 8,000 values), so sessions with many keys are written in slices.
    // A slice of 1,000 values keeps field/value pairs together when the range starts on a field.
    private const string CallInSlices = """
        local function call_in_slices(command, key, first, last)
          while first <= last do
            local stop = math.min(first + 999, last)
            redis.call(command, key, unpack(ARGV, first, stop))
            first = stop + 1
          end
        end

        """;

    // Live: a hash whose m:exp is later than now. Anything else at the key (nothing, an expired record, a value of
    // another type, a hash without m:exp) is not a live record. Also returns the key's type.
    private const string LiveCheck = """
        local function is_live(key, now)
          local kind = redis.call('TYPE', key)['ok']
          if kind ~= 'hash' then return false, kind end
          local expires = tonumber(redis.call('HGET', key, 'm:exp'))
          return expires ~= nil and expires > now, kind
        end

        """;

    // Writable: live, and of a layout this build writes (a hash of a newer version, from a rolling deploy, is as good as
    // gone). The version is this build's constant, spliced into the script's text.
    private static readonly string WritableCheck = LiveCheck + $$"""
        local function is_writable(key, now)
          if not is_live(key, now) then return false end
          local version = tonumber(redis.call('HGET', key, 'm:ver')) or 1
          return version <= {{SessionRecordFormat.CurrentVersion}}
        end

        """;

    /// <summary>
    /// Writes a new record unless a live one holds the key; an expired one not yet evicted is replaced whole.
    /// ARGV: now, expires, then field/value pairs (starting with m:exp). Returns 1 when written, 0 when taken.
    /// </summary>
    public const string Create = CallInSlices + LiveCheck + """
        local key = KEYS[1]
        local live, kind = is_live(key, tonumber(ARGV[1]))
        if live then return 0 end
        if kind ~= 'none' then redis.call('DEL', key) end
        call_in_slices('HSET', key, 3, #ARGV)
        redis.call('PEXPIREAT', key, ARGV[2])
        return 1
        """;

    /// <summary>
    /// Updates a live record per key: HDEL of the removed fields, one HSET of the changed ones and the expiry, and the
    /// new TTL; untouched fields are never rewritten. With expected values, writes only if each listed field still
    /// holds that JSON (flag '0': absent). ARGV: now, expires, expected count, removed count, then the expected
    /// triples (field, flag, json), the removed fields, and field/value pairs to set (starting with m:exp); a change
    /// of user is <c>m:uid</c> among the removed fields or the pairs. Returns {1, user id before the update} (updated),
    /// {0} (not found or expired) or {2} (conflict); nothing is written unless 1.
    /// </summary>
    public static readonly string Update = CallInSlices + WritableCheck + """
        local key = KEYS[1]
        if not is_writable(key, tonumber(ARGV[1])) then return {0} end
        local index = 5
        for _ = 1, tonumber(ARGV[3]) do
          local actual = redis.call('HGET', key, ARGV[index])
          if ARGV[index + 1] == '1' then
            if actual ~= ARGV[index + 2] then return {2} end
          elseif actual then
            return {2}
          end
          index = index + 3
        end
        local user = redis.call('HGET', key, 'm:uid')
        local removed = tonumber(ARGV[4])
        call_in_slices('HDEL', key, index, index + removed - 1)
        call_in_slices('HSET', key, index + removed, #ARGV)
        redis.call('PEXPIREAT', key, ARGV[2])
        return {1, user}
        """;

    /// <summary>
    /// Moves a live record's expiry (the <c>m:exp</c> field and the TTL) without touching its data. ARGV: now, expires.
    /// Returns {1, user id} (touched) or {0} (not found or expired).
    /// </summary>
    public static readonly string Touch = WritableCheck + """
        local key = KEYS[1]
        if not is_writable(key, tonumber(ARGV[1])) then return {0} end
        redis.call('HSET', key, 'm:exp', ARGV[2])
        redis.call('PEXPIREAT', key, ARGV[2])
        return {1, redis.call('HGET', key, 'm:uid')}
        """;

    /// <summary>
    /// Deletes a live record, and only a live one (a revoke of an unknown or expired id writes nothing). ARGV: now.
    /// Returns {1, user id} (deleted) or {0}.
    /// </summary>
    public const string Revoke = LiveCheck + """
        local key = KEYS[1]
        if not is_live(key, tonumber(ARGV[1])) then return {0} end
        local user = redis.call('HGET', key, 'm:uid')
        redis.call('DEL', key)
        return {1, user}
        """;

    /// <summary>Deletes whatever the key holds, and returns the user id if it was a session hash that had one.</summary>
    public const string Delete = """
        local key = KEYS[1]
        local kind = redis.call('TYPE', key)['ok']
        if kind == 'none' then return false end
        local user = false
        if kind == 'hash' then user = redis.call('HGET', key, 'm:uid') end
        redis.call('DEL', key)
        return user
        """;

    /// <summary>
    /// Deletes the record if it is a session hash (it has <c>m:exp</c>) that has expired, or whose <c>m:exp</c> is
    /// unreadable as the store reads it on load: not a plain run of digits, or past
    /// <see cref="SessionRecordTime.MaxUnixMilliseconds"/>. Such a record never loads, so it is as good as gone. ARGV:
    /// now. Returns {1, user id} when deleted, else {0}.
    /// </summary>
    public static readonly string DeleteIfExpired = $$"""
        local key = KEYS[1]
        if redis.call('TYPE', key)['ok'] ~= 'hash' then return {0} end
        local stored = redis.call('HGET', key, 'm:exp')
        if not stored then return {0} end
        local expires = string.match(stored, '^%d+$') and tonumber(stored)
        if expires and expires > tonumber(ARGV[1]) and expires <= {{SessionRecordTime.MaxUnixMilliseconds}} then return {0} end
        local user = redis.call('HGET', key, 'm:uid')
        redis.call('DEL', key)
        return {1, user}
        """;

    public static RedisValue[] CreateArguments(DateTimeOffset now, SessionRecord record)
    {
        var arguments = new List<RedisValue>(12 + (2 * record.Values.Count))
        {
            RedisSessionHash.Milliseconds(now),
            RedisSessionHash.Milliseconds(record.ExpiresAt),
        };
        AddFieldsToSet(arguments, record.ExpiresAt, record.LastSavedAt, record.Values);
        if (record.CreatedAt is { } createdAt)
        {
            arguments.Add(RedisSessionHash.CreatedField);
            arguments.Add(RedisSessionHash.Milliseconds(createdAt));
        }

        // Where the session was created: written once, never by an update.
        AddIfSet(arguments, RedisSessionHash.UserField, record.UserId);
        AddIfSet(arguments, RedisSessionHash.UserAgentField, record.UserAgent);
        AddIfSet(arguments, RedisSessionHash.RemoteAddressField, record.RemoteAddress);
        return [.. arguments];
    }

    public static RedisValue[] TouchArguments(DateTimeOffset now, DateTimeOffset expiresAt)
        => [RedisSessionHash.Milliseconds(now), RedisSessionHash.Milliseconds(expiresAt)];

    public static RedisValue[] UpdateArguments(DateTimeOffset now, SessionChanges update)
    {
        var expected = update.ExpectedValues ?? new Dictionary<string, string?>();
        var clearsUser = update.UserIdChanged && update.UserId is null;
        var arguments = new List<RedisValue>(8 + (3 * expected.Count) + update.Removed.Count + (2 * update.Changed.Count))
        {
            RedisSessionHash.Milliseconds(now),
            RedisSessionHash.Milliseconds(update.ExpiresAt),
            expected.Count,
            update.Removed.Count + (clearsUser ? 1 : 0),
        };

        foreach (var (key, json) in expected)
        {
            arguments.Add(RedisSessionHash.KeyField(key));
            arguments.Add(json is null ? "0" : "1");
            arguments.Add(json ?? "");
        }

        foreach (var key in update.Removed)
        {
            arguments.Add(RedisSessionHash.KeyField(key));
        }

        // A change of user rides in the same HDEL or HSET as the keys; without one, the stored user stays.
        if (clearsUser)
        {
            arguments.Add(RedisSessionHash.UserField);
        }

        AddFieldsToSet(arguments, update.ExpiresAt, update.SavedAt, update.Changed);
        if (update.UserIdChanged)
        {
            AddIfSet(arguments, RedisSessionHash.UserField, update.UserId);
        }

        return [.. arguments];
    }

    public static RedisValue[] RevokeArguments(DateTimeOffset now) => [RedisSessionHash.Milliseconds(now)];

    private static void AddIfSet(List<RedisValue> arguments, string field, string? value)
    {
        if (value is not null)
        {
            arguments.Add(field);
            arguments.Add(value);
        }
    }

    // The metadata rides in the same HSET as the changed keys: one write command per save.
    private static void AddFieldsToSet(List<RedisValue> arguments, DateTimeOffset expiresAt, DateTimeOffset? savedAt, IReadOnlyDictionary<string, string> values)
    {
        arguments.Add(RedisSessionHash.ExpiresField);
        arguments.Add(RedisSessionHash.Milliseconds(expiresAt));
        arguments.Add(RedisSessionHash.VersionField);
        arguments.Add(SessionRecordFormat.CurrentVersion);
        if (savedAt is { } saved)
        {
            arguments.Add(RedisSessionHash.SavedField);
            arguments.Add(RedisSessionHash.Milliseconds(saved));
        }

        foreach (var (key, json) in values)
        {
            arguments.Add(RedisSessionHash.KeyField(key));
            arguments.Add(json);
        }
    }
}
