using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TypedSessions.PostgreSql;

/// <summary>
/// The <c>session_key</c> value of a record id. The engine's ids, 64 lowercase hex digits (a SHA-256), are stored as
/// they are. Any other id, which only code calling the store directly can pass, is stored as <c>~</c> plus the SHA-256
/// of its UTF-16 code units: PostgreSQL text cannot hold NUL or unpaired surrogates and a primary-key entry is limited
/// to about 2.7 KB, yet such ids must behave as plain unknown ids. No engine id starts with <c>~</c>, so the two forms
/// never collide.
/// </summary>
internal static class StoredRecordId
{
    private const int EngineIdLength = 64;

    public static string From(string recordId) => IsEngineId(recordId) ? recordId : "~" + Hash(recordId);

    private static bool IsEngineId(string recordId)
    {
        if (recordId.Length != EngineIdLength)
        {
            return false;
        }

        foreach (var c in recordId)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    // Code units, not an encoding: an encoder would map every unpaired surrogate to U+FFFD and make distinct ids equal.
    private static string Hash(string recordId)
    {
        var units = new byte[recordId.Length * sizeof(char)];
        for (var i = 0; i < recordId.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(units.AsSpan(i * sizeof(char)), recordId[i]);
        }

        return Convert.ToHexStringLower(SHA256.HashData(units));
    }
}
