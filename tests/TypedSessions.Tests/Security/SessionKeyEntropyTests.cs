using TypedSessions.Engine;

namespace TypedSessions.Tests.Security;

/// <summary>
/// Session keys come from the CSPRNG, uniformly over 36 symbols in each of 32 places (about 165 bits): 200,000 keys
/// are all distinct, and every symbol in every place appears as often as a uniform draw predicts, within bounds a
/// healthy generator fails about once in a billion runs (a biased or sequential generator fails at once).
/// </summary>
public sealed class SessionKeyEntropyTests
{
    private const int Keys = 200_000;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    [Fact]
    public void Keys_are_distinct_and_every_symbol_is_uniform_in_every_place()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var counts = new int[SessionKeys.Length, Alphabet.Length];
        for (var i = 0; i < Keys; i++)
        {
            var key = SessionKeys.NewKey();
            Assert.True(seen.Add(key), $"Key {i} repeats an earlier one.");
            for (var place = 0; place < key.Length; place++)
            {
                counts[place, Alphabet.IndexOf(key[place], StringComparison.Ordinal)]++;
            }
        }

        // Pearson's chi-squared per place, 35 degrees of freedom: mean 35, standard deviation about 8.4. Above 110 is
        // about 9 standard deviations out.
        var expected = (double)Keys / Alphabet.Length;
        for (var place = 0; place < SessionKeys.Length; place++)
        {
            var chiSquared = 0.0;
            for (var symbol = 0; symbol < Alphabet.Length; symbol++)
            {
                chiSquared += Math.Pow(counts[place, symbol] - expected, 2) / expected;
            }

            Assert.True(chiSquared < 110, $"Place {place}: chi-squared {chiSquared:F1} over 35 degrees of freedom.");
        }
    }

    [Fact]
    public void A_key_carries_over_160_bits_of_entropy()
        => Assert.True(SessionKeys.Length * Math.Log2(Alphabet.Length) > 160);
}
