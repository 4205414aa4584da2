using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.UnreadableRecords;

/// <summary>An unreadable expiry on SQLite: a number past year 9999, or text, in <c>expire_date</c>.</summary>
public abstract class SqliteUnreadableRecordTests(string expireDate) : UnreadableRecordTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    public void Dispose() => _database.Dispose();

    protected override void AddStore(TypedSessionsBuilder builder) => builder.AddSqliteStore(_database.ConnectionString);

    protected override Task MakeExpiryUnreadableAsync(IServiceProvider services, string recordId)
    {
        using var connection = _database.OpenRaw();
        Assert.Equal(1, connection.Execute($"UPDATE typed_sessions SET expire_date = {expireDate} WHERE session_key = $id", ("$id", recordId)));
        return Task.CompletedTask;
    }

    protected override Task<bool> IsKeptAsync(IServiceProvider services, string recordId)
    {
        using var connection = _database.OpenRaw();
        return Task.FromResult(connection.Strings("SELECT session_key FROM typed_sessions").Contains(recordId));
    }
}

/// <summary><c>expire_date = 9223372036854775807</c>.</summary>
public sealed class SqliteHugeExpiryRecordTests() : SqliteUnreadableRecordTests("9223372036854775807");

/// <summary><c>expire_date = 'abc'</c>.</summary>
public sealed class SqliteTextExpiryRecordTests() : SqliteUnreadableRecordTests("'abc'");
