using Microsoft.Extensions.DependencyInjection;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.UnreadableRecords;

/// <summary>An unreadable expiry on PostgreSQL: <c>expire_date = 'infinity'</c>.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlUnreadableRecordTests(PostgreSqlServerFixture postgres) : UnreadableRecordTests
{
    private readonly string _table = PostgreSqlServerFixture.NewTableName();

    protected override void AddStore(TypedSessionsBuilder builder)
    {
        postgres.EnsureAvailable();
        builder.Services.AddSingleton(postgres.DataSource);
        builder.AddPostgreSqlStore(o => o.TableName = _table);
    }

    protected override async Task MakeExpiryUnreadableAsync(IServiceProvider services, string recordId)
        => Assert.Equal(1, await postgres.ExecuteAsync($"UPDATE \"{_table}\" SET expire_date = 'infinity' WHERE session_key = $1", StoredRecordId.From(recordId)));

    protected override async Task<bool> IsKeptAsync(IServiceProvider services, string recordId)
        => (await postgres.QueryAsync($"SELECT session_key FROM \"{_table}\"")).Contains(StoredRecordId.From(recordId));
}
