using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions.Stores.Tests.Sqlite;

/// <summary>Keys hashed at rest: a copy of the database file holds no usable session key.</summary>
public sealed class SqliteKeyHashingTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    [Fact]
    public async Task Database_file_never_contains_a_raw_session_key_only_its_sha256()
    {
        string key;
        using (var services = SqliteTestHost.Build(_database))
        {
            var session = await services.GetRequiredService<ISessionManager>().OpenAsync(null);
            session.Set("cart", new[] { "book", "pen" });
            session.Set("user", 42);
            await session.SaveAsync();
            key = Assert.IsType<string>(session.Key);
        }

        var bytes = _database.ReadAllBytes();
        var recordId = ExpectedRecordId.For(key);
        Assert.True(Contains(bytes, "book"), "The session's data must be in the file, or the check below proves nothing.");
        Assert.True(Contains(bytes, recordId));
        Assert.False(Contains(bytes, key));
    }

    [Fact]
    public async Task Key_column_holds_the_sha256_hex_of_the_session_key()
    {
        using var services = SqliteTestHost.Build(_database);
        var session = await services.GetRequiredService<ISessionManager>().OpenAsync(null);
        session.Set("user", 42);
        await session.SaveAsync();

        using var connection = _database.OpenRaw();
        var expected = ExpectedRecordId.For(session.Key!);
        Assert.Equal([expected], connection.Strings("SELECT session_key FROM typed_sessions"));
    }

    public void Dispose() => _database.Dispose();

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
