namespace TypedSessions.Redis;

/// <summary>
/// The Lua scripts of the per-user index. <see cref="Add"/> runs on a user's set and <see cref="Describe"/> on one
/// session's hash: each names its one key in <c>KEYS[1]</c>, so both run on Redis Cluster, where a user's set and the
/// sessions it lists live in different slots.
/// </summary>
internal static class RedisUserIndexScripts
{
    /// <summary>
    /// Adds a record id to a user's set and makes the set live at least as long as the record. ARGV: record id, the
    /// set's expiry for that record (Unix milliseconds). A new set gets it as its TTL; an existing one only ever gets
    /// a later one (<c>GT</c>), so the set outlives each record it lists. A set left without a TTL that lists
    /// other records keeps none: their expiries are unknown here, and a purge prunes it instead. Anything else at the
    /// key (not a set) is replaced, as a create replaces what is not a session.
    /// </summary>
    public const string Add = """
        local key = KEYS[1]
        local kind = redis.call('TYPE', key)['ok']
        if kind ~= 'set' and kind ~= 'none' then redis.call('DEL', key) end
        redis.call('SADD', key, ARGV[1])
        if redis.call('PTTL', key) >= 0 then
          redis.call('PEXPIREAT', key, ARGV[2], 'GT')
        elseif redis.call('SCARD', key) == 1 then
          redis.call('PEXPIREAT', key, ARGV[2])
        end
        return 1
        """;

    /// <summary>
    /// What a listing needs of one record, without its values: 0 when the key is empty, 1 when it holds something other
    /// than a hash, else the fields m:exp, m:uid, m:created, m:saved, m:ua, m:addr and m:ver (each nil when absent),
    /// followed by the size of the session's data: the bytes of its keys' names (without <c>k:</c>) and values,
    /// measured here (<c>HSTRLEN</c>) so that the values never cross the network. Writes nothing.
    /// </summary>
    public const string Describe = """
        local key = KEYS[1]
        local kind = redis.call('TYPE', key)['ok']
        if kind == 'none' then return 0 end
        if kind ~= 'hash' then return 1 end
        local size = 0
        for _, name in ipairs(redis.call('HKEYS', key)) do
          if string.sub(name, 1, 2) == 'k:' then
            size = size + #name - 2 + redis.call('HSTRLEN', key, name)
          end
        end
        local fields = redis.call('HMGET', key, 'm:exp', 'm:uid', 'm:created', 'm:saved', 'm:ua', 'm:addr', 'm:ver')
        fields[8] = size
        return fields
        """;
}
