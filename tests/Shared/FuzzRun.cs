using System.Diagnostics;

namespace TypedSessions.Testing;

/// <summary>
/// Runs a check over many generated inputs. Input <c>i</c> comes from <c>new Random(seed + i)</c>, so a failure names
/// the seed and index that reproduce it (set <c>FUZZ_SEED</c> to explore other inputs), and the input itself.
/// </summary>
internal static class FuzzRun
{
    /// <summary>The default seed, or <c>FUZZ_SEED</c> when set.</summary>
    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 20_261_209;

    /// <summary>Checks <paramref name="count"/> inputs and returns how long it took.</summary>
    public static TimeSpan Check<T>(int count, Func<Random, T> generate, Action<T> check, Func<T, string> describe)
    {
        var seed = Seed;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var input = generate(new Random(seed + i));
            try
            {
                check(input);
            }
            catch (Exception exception)
            {
                throw new Xunit.Sdk.XunitException(
                    $"Input {i} of seed {seed} (FUZZ_SEED={seed}, index {i}) failed: {exception.GetType().Name}: {exception.Message}\nInput: {describe(input)}\n{exception}");
            }
        }

        return clock.Elapsed;
    }
}
