using System.Security.Cryptography;
using System.Text;

namespace TypedSessions.Engine;

/// <summary>Session keys: how they are made, recognised and turned into store record ids.</summary>
internal static class SessionKeys
{
    /// <summary>Every key is this long.</summary>
    public const int Length = 32;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>32 characters of <c>[a-z0-9]</c> from the CSPRNG: about 165 bits.</summary>
    public static string NewKey() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>
    /// Whether <paramref name="candidate"/> could be a key this engine issued. Anything else is never looked up, so a
    /// malformed cookie costs no store round trip.
    /// </summary>
    public static bool IsWellFormed(string? candidate) => candidate is not null && IsWellFormed(candidate.AsSpan());

    /// <inheritdoc cref="IsWellFormed(string?)"/>
    public static bool IsWellFormed(ReadOnlySpan<char> candidate)
    {
        if (candidate.Length != Length)
        {
            return false;
        }

        foreach (var c in candidate)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The id a store sees: lowercase hex SHA-256 of the key, so store contents hold no usable key.</summary>
    public static string ToRecordId(string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.ASCII.GetBytes(key), hash);
        return Convert.ToHexStringLower(hash);
    }
}
