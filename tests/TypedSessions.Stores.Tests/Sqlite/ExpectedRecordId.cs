using System.Security.Cryptography;
using System.Text;

namespace TypedSessions.Stores.Tests.Sqlite;

/// <summary>The record id the design promises for a key, computed here independently of the engine.</summary>
internal static class ExpectedRecordId
{
    /// <summary>Lowercase hex SHA-256 of the key's ASCII bytes.</summary>
    public static string For(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)));
}
