using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace TypedSessions.Tests.Infrastructure;

/// <summary>
/// Runs a target over many generated inputs drawn from one seed. The seed is printed to the test output, and
/// <c>TYPEDSESSIONS_FUZZ_SEED</c> replays a run exactly; a failure names the seed, the input's number and the input.
/// </summary>
public static class Fuzz
{
    public const string SeedVariable = "TYPEDSESSIONS_FUZZ_SEED";

    /// <summary>Characters that break parsers: separators, quotes, whitespace, controls, non-ASCII, lone surrogates.</summary>
    public const string Awkward = ";=,\" \t\\%+/-_\0\u0001\u001f\u007f\u0080\u00a0é\u043a\u200b\ufeff\ud800\udc00\uffff\r\n";

    /// <summary>Strings of any UTF-16 code unit, mostly short, some up to 10,000 long.</summary>
    public static Gen<string> AnyString { get; } = Gen.Frequency(
        (12, Gen.String[Gen.Char, 0, 64]),
        (6, Gen.String[Gen.Char[Awkward + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"], 0, 256]),
        (1, Gen.String[Gen.Char[Awkward + "abcdefghijklmnopqrstuvwxyz0123456789"], 0, 10_000]));

    /// <summary>One of <paramref name="corpus"/>, then one to eight random edits, or two of them spliced together.</summary>
    public static Gen<string> Mutations(params string[] corpus) => Gen.Select(
        Gen.Int[0, corpus.Length - 1], Gen.Int[0, corpus.Length - 1], Gen.Int,
        (first, second, seed) => Mutate(corpus[first], corpus[second], new Random(seed)));

    /// <summary>Runs <paramref name="target"/> over <paramref name="count"/> inputs and returns how many ran.</summary>
    public static int Run(ITestOutputHelper output, string name, Gen<string> gen, int count, Action<string> target)
        => RunAsync(output, name, gen, count, input =>
        {
            target(input);
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

    /// <inheritdoc cref="Run"/>
    public static async Task<int> RunAsync(ITestOutputHelper output, string name, Gen<string> gen, int count, Func<string, Task> target)
    {
        var seed = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } given
            ? ulong.Parse(given, NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(sizeof(ulong)));
        output.WriteLine($"{name}: {count:N0} inputs from seed {seed:x16} (replay: {SeedVariable}={seed:x16})");
        var pcg = new PCG(1, seed);
        for (var i = 0; i < count; i++)
        {
            var input = gen.Generate(pcg, null!, out _);
            try
            {
                await target(input);
            }
            catch (Exception exception)
            {
                throw new XunitException($"{name}: input {i:N0} from seed {seed:x16} ({SeedVariable}={seed:x16} replays it) failed: {Escape(input)}\n{exception}");
            }
        }

        return count;
    }

    /// <summary>The input with every character outside printable ASCII escaped, cut at 500 characters.</summary>
    public static string Escape(string input)
    {
        var text = new StringBuilder("\"");
        foreach (var c in input.Length > 500 ? input[..500] : input)
        {
            text.Append(c is >= ' ' and < '\u007f' and not '\\' and not '"' ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return text.Append(input.Length > 500 ? $"\"… ({input.Length:N0} characters)" : "\"").ToString();
    }

    private static string Mutate(string value, string other, Random random)
    {
        const int Longest = 20_000;
        var text = new StringBuilder(value);
        for (var edits = random.Next(1, 9); edits > 0; edits--)
        {
            var at = random.Next(text.Length + 1);
            var grow = text.Length < Longest;
            switch (random.Next(9))
            {
                case 0:
                    text.Insert(at, Awkward[random.Next(Awkward.Length)]);
                    break;
                case 1:
                    text.Insert(at, (char)random.Next(char.MaxValue + 1));
                    break;
                case 2 when at < text.Length:
                    text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(8)));
                    break;
                case 3 when at < text.Length:
                    text[at] = (char)(text[at] ^ (1 << random.Next(16)));
                    break;
                case 4:
                    text.Length = at;
                    break;
                case 5:
                    text.Insert(at, random.Next(2) == 0 ? "; sessionid=" : "sessionid=");
                    break;
                case 6 when grow && text.Length > 0:
                    var start = random.Next(text.Length);
                    text.Insert(at, text.ToString(start, random.Next(text.Length - start + 1)));
                    break;
                case 7 when grow:
                    text.Insert(at, other);
                    break;
                case 8 when grow:
                    text.Insert(at, text.ToString(), 1 + random.Next(3));
                    break;
            }
        }

        return text.ToString();
    }
}
