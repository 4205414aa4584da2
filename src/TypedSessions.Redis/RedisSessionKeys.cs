using System.Text;
using StackExchange.Redis;

namespace TypedSessions.Redis;

/// <summary>
/// Names the one Redis key of each session: the prefix followed by the record id. One key per session means that all
/// of a session's data is in one hash slot on Redis Cluster, with no hash tag needed, while different sessions spread
/// over the cluster.
/// </summary>
internal sealed class RedisSessionKeys(string prefix)
{
    public string Prefix => prefix;

    /// <summary>The <c>SCAN MATCH</c> pattern of every key under the prefix, with the prefix's glob characters escaped.</summary>
    public RedisValue Pattern { get; } = EscapeGlob(prefix) + "*";

    public RedisKey For(string recordId) => prefix + recordId;

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
