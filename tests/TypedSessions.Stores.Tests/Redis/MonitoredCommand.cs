using System.Text;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// One line of <c>MONITOR</c> output: <c>+1700000000.123456 [0 127.0.0.1:52114] "evalsha" …</c> for a command a client sent,
/// or <c>… [0 lua] "hset" "key" "field" "value"</c> for one a script ran.
/// </summary>
/// <param name="Client">The address of the connection that sent it, or <c>lua</c> for a command run by a script.</param>
internal sealed record MonitoredCommand(string Client, string Name, IReadOnlyList<string> Arguments)
{
    private const string Script = "lua";

    private static readonly HashSet<string> Writes = new(StringComparer.Ordinal)
    {
        "hset", "hmset", "hsetnx", "hdel", "del", "unlink", "set", "expire", "pexpire", "expireat", "pexpireat", "persist", "rename",
        "sadd", "srem", "smove", "spop",
    };

    public bool IsWrite => Writes.Contains(Name);

    public bool FromScript => Client == Script;

    /// <summary>
    /// The bytes the client sent for this command, a RESP array of bulk strings, counted from the command itself so that no
    /// other client's traffic is included. Arguments hold one character per byte (MONITOR escapes the rest as <c>\xHH</c>).
    /// </summary>
    public long RequestBytes => BulkStringsSize([Name, .. Arguments]);

    public static MonitoredCommand Parse(string line)
    {
        // The source is "[<db> <address>]", or "[<db> lua]" for a script's own commands.
        var sourceStart = line.IndexOf(" [", StringComparison.Ordinal) + 2;
        var sourceEnd = line.IndexOf("] ", sourceStart, StringComparison.Ordinal);
        var client = line[(line.IndexOf(' ', sourceStart) + 1)..sourceEnd];
        var words = ParseQuoted(line[(sourceEnd + 2)..]);
        return new MonitoredCommand(client, words[0].ToLowerInvariant(), words[1..]);
    }

    public override string ToString() => $"{(FromScript ? "[lua] " : "")}{Name} {string.Join(' ', Arguments)}";

    private static long BulkStringsSize(IReadOnlyList<string> words)
        => $"*{words.Count}\r\n".Length + words.Sum(word => $"${word.Length}\r\n".Length + word.Length + "\r\n".Length);

    // MONITOR quotes each argument and escapes \\, \", \n, \r, \t, \a, \b and \xHH (bytes, here as Latin-1 chars).
    private static List<string> ParseQuoted(string text)
    {
        var words = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '"')
            {
                i++;
                continue;
            }

            var word = new StringBuilder();
            i++;
            while (text[i] != '"')
            {
                if (text[i] == '\\')
                {
                    i++;
                    switch (text[i])
                    {
                        case 'x':
                            word.Append((char)Convert.ToByte(text.Substring(i + 1, 2), 16));
                            i += 2;
                            break;
                        case 'n': word.Append('\n'); break;
                        case 'r': word.Append('\r'); break;
                        case 't': word.Append('\t'); break;
                        case 'a': word.Append('\a'); break;
                        case 'b': word.Append('\b'); break;
                        default: word.Append(text[i]); break;
                    }
                }
                else
                {
                    word.Append(text[i]);
                }

                i++;
            }

            words.Add(word.ToString());
            i++;
        }

        return words;
    }
}
