using System.Text;
using StackExchange.Redis;

namespace TypedSessions.Redis;

/// <summary>
/// Names the store's Redis keys: a session's key is the prefix followed by the record id, and a user's index (the set
/// of the user's record ids) is the user index prefix followed by the user id. One key per session means that all of a
/// session's data is in one hash slot on Redis Cluster, with no hash tag needed, while different sessions spread over
/// the cluster; likewise each user's set is one key. A user id may hold <c>{</c> and <c>}</c>, which then form a hash
/// tag: that only picks the slot of that one key.
/// </summary>
internal sealed class RedisSessionKeys(string prefix, string userIndexPrefix)
{
    public string Prefix => prefix;

    /// <summary>The <c>SCAN MATCH</c> pattern of every key under the prefix, with the prefix's glob characters escaped.</summary>
    public RedisValue Pattern { get; } = EscapeGlob(prefix) + "*";

    /// <summary>The <c>SCAN MATCH</c> pattern of every user's set.</summary>
    public RedisValue UserIndexPattern { get; } = EscapeGlob(userIndexPrefix) + "*";

    public RedisKey For(string recordId) => prefix + recordId;

    /// <summary>The set of <paramref name="userId"/>'s record ids.</summary>
    public RedisKey UserIndexFor(string userId) => userIndexPrefix + userId;

    /// <summary>The set of the user whose id a record holds, byte for byte as stored.</summary>
    public RedisKey UserIndexFor(RedisValue storedUserId) => ((RedisKey)userIndexPrefix).Append((byte[])storedUserId!);

    /// <summary>The user id a user's set is named after, as the bytes a record holds in its user field.</summary>
    public RedisValue StoredUserIdOf(RedisKey userIndexKey) => ((byte[])userIndexKey!)[Encoding.UTF8.GetByteCount(userIndexPrefix)..];

    private static string EscapeGlob(string text)
    {
        var escaped = new StringBuilder(text.Length + 4);
        foreach (var character in text)
        {
            if (character is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(character);
        }

        return escaped.ToString();
    }
}
