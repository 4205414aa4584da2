using System.Text;

namespace TypedSessions.Testing;

/// <summary>
/// Hostile inputs for decoders: random bytes, and valid encodings mutated the ways damage and tampering mutate them
/// (flipped bytes, truncation, splices of two encodings, huge and odd numbers, values of the wrong type, broken
/// escapes and UTF-8, deep nesting). Deterministic for a given <see cref="Random"/>, so a seed reproduces an input.
/// </summary>
internal static class FuzzInputs
{
    private static readonly string[] OddNumbers =
    [
        "99999999999999999", "99999999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "253402300800000", "253402300799999", "-62135596800001", "0", "-0", "-1", "1.5", "1e400", "-1e400", "1E+300", "0.0000001",
        "00012", "1_000", "0x10", "NaN", "Infinity",
    ];

    private static readonly string[] OddValues =
    [
        "null", "true", "false", "\"\"", "\"abc\"", "[]", "{}", "[1,2,3]", "{\"a\":{}}", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"",
        "\"\\\"\"", "\"\\x\"", "\"\u00e9\u4e2d\ud83d\ude00\"", "123", "\"2030-01-01T00:00:00Z\"", "\"browser-close\"",
    ];

    private static readonly byte[][] OddBytes = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x00], [0xEF, 0xBB, 0xBF], [0x80]];

    /// <summary>One input: random bytes now and then, else one to three mutations of a seed from <paramref name="corpus"/>.</summary>
    public static byte[] Next(Random random, IReadOnlyList<byte[]> corpus)
    {
        if (random.Next(10) == 0)
        {
            return RandomBytes(random);
        }

        // Mostly one mutation, which keeps most of the input valid and so reaches deeper into the decoder.
        var input = corpus[random.Next(corpus.Count)];
        for (var i = random.Next(10) switch { < 7 => 1, < 9 => 2, _ => 3 }; i > 0; i--)
        {
            input = Mutate(random, input, corpus);
        }

        return input;
    }

    /// <summary>A mutated string: the bytes of <see cref="Next"/> read as UTF-8, now and then with a lone surrogate in it.</summary>
    public static string NextString(Random random, IReadOnlyList<byte[]> corpus)
    {
        var text = Encoding.UTF8.GetString(Next(random, corpus));
        return random.Next(20) == 0 ? text.Insert(random.Next(text.Length + 1), "\ud800") : text;
    }

    /// <summary>A number a stored time might hold: extremes, edges of the readable range, and anything between.</summary>
    public static long NextLong(Random random) => random.Next(6) switch
    {
        0 => long.MaxValue,
        1 => long.MinValue,
        2 => random.NextInt64(-62_135_596_800_010, 253_402_300_800_010),
        3 => random.NextInt64(),
        4 => -random.NextInt64(),
        _ => random.NextInt64(-1_000, 1_000),
    };

    /// <summary>How to print an input so that it can be pasted back into a test.</summary>
    public static string Describe(byte[] input)
        => input.Length > 2_000
            ? $"{input.Length} bytes, starting with base64 {Convert.ToBase64String(input, 0, 600)}"
            : $"base64 {Convert.ToBase64String(input)} (as text: {Encoding.UTF8.GetString(input)})";

    /// <summary>A string as a C# literal, every character outside printable ASCII escaped (lone surrogates included).</summary>
    public static string Describe(string input)
    {
        var text = new StringBuilder("\"");
        foreach (var c in input.Length > 2_000 ? input[..600] : input)
        {
            text.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return (input.Length > 2_000 ? $"{input.Length} characters, starting with " : "") + text.Append('"');
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        if (random.Next(2) == 0)
        {
            random.NextBytes(bytes);
        }
        else
        {
            // Mostly JSON punctuation, digits and letters: random text that gets past the first byte of a parser.
            const string alphabet = "{}[]\":,0123456789.-+eE \\tfnrul abcxyz";
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)alphabet[random.Next(alphabet.Length)];
            }
        }

        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] input, IReadOnlyList<byte[]> corpus)
    {
        switch (random.Next(10))
        {
            case 0 when input.Length > 0:
                var flipped = (byte[])input.Clone();
                for (var i = random.Next(1, 5); i > 0; i--)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                }

                return flipped;
            case 1:
                return input[..random.Next(input.Length + 1)];
            case 2:
                var other = corpus[random.Next(corpus.Count)];
                return [.. input[..random.Next(input.Length + 1)], .. other[random.Next(other.Length + 1)..]];
            case 3:
                return ReplaceToken(random, input, IsNumberByte, OddNumbers[random.Next(OddNumbers.Length)]);
            case 4:
                return ReplaceValue(random, input, OddValues[random.Next(OddValues.Length)]);
            case 5:
                return Insert(random, input, OddBytes[random.Next(OddBytes.Length)]);
            case 6:
                var depth = random.Next(2) == 0 ? random.Next(60, 70) : random.Next(1_000, 1_100);
                var open = random.Next(2) == 0 ? "[" : "{\"a\":";
                var close = open == "[" ? "]" : "}";
                var nested = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
                return ReplaceValue(random, input, nested);
            case 7 when input.Length > 0:
                var start = random.Next(input.Length);
                var slice = input[start..Math.Min(input.Length, start + random.Next(1, 32))];
                return Insert(random, input, slice);
            case 8 when input.Length > 0:
                var from = random.Next(input.Length);
                return [.. input[..from], .. input[Math.Min(input.Length, from + random.Next(1, 16))..]];
            default:
                return Insert(random, input, Encoding.UTF8.GetBytes(OddValues[random.Next(OddValues.Length)]));
        }
    }

    private static bool IsNumberByte(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'e' or (byte)'E' or (byte)'+';

    // Replaces a run of bytes matching the predicate (a number, say) with the replacement; inserts it if there is none.
    private static byte[] ReplaceToken(Random random, byte[] input, Func<byte, bool> inToken, string replacement)
    {
        var start = Find(random, input, inToken);
        if (start < 0)
        {
            return Insert(random, input, Encoding.UTF8.GetBytes(replacement));
        }

        while (start > 0 && inToken(input[start - 1]))
        {
            start--;
        }

        var end = start;
        while (end < input.Length && inToken(input[end]))
        {
            end++;
        }

        return [.. input[..start], .. Encoding.UTF8.GetBytes(replacement), .. input[end..]];
    }

    // Replaces what follows a ':' up to the next ',' or '}' (a member's value, roughly) with the replacement.
    private static byte[] ReplaceValue(Random random, byte[] input, string replacement)
    {
        var colon = Find(random, input, static b => b == (byte)':');
        if (colon < 0)
        {
            return Encoding.UTF8.GetBytes(replacement);
        }

        var start = colon + 1;
        var end = start;
        while (end < input.Length && input[end] is not ((byte)',' or (byte)'}'))
        {
            end++;
        }

        return [.. input[..start], .. Encoding.UTF8.GetBytes(replacement), .. input[end..]];
    }

    // The first byte at or after a random position (wrapping around) that matches, or -1.
    private static int Find(Random random, byte[] input, Func<byte, bool> match)
    {
        if (input.Length == 0)
        {
            return -1;
        }

        var from = random.Next(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var at = (from + i) % input.Length;
            if (match(input[at]))
            {
                return at;
            }
        }

        return -1;
    }

    private static byte[] Insert(Random random, byte[] input, byte[] inserted)
    {
        var at = random.Next(input.Length + 1);
        return [.. input[..at], .. inserted, .. input[at..]];
    }
}
