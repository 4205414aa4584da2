using Microsoft.Extensions.Options;
using Npgsql;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.PgBouncer;

/// <summary>Making and finding the session table through PgBouncer in transaction pooling mode.</summary>
[Collection(PgBouncerCollection.Name)]
public sealed class PgBouncerSchemaTests(PgBouncerFixture bouncer, ITestOutputHelper output)
{
    private const int Instances = 8;

    [SkippableFact]
    public async Task Instances_that_create_one_table_at_once_all_succeed()
    {
        bouncer.EnsureAvailable();
        var table = PostgreSqlServerFixture.NewTableName();
        var stores = Enumerable.Range(0, Instances).Select(_ => Store(new PostgreSqlSessionRecordStoreOptions { TableName = table })).ToList();

        // Each instance's first call creates the table; the advisory lock that makes them take turns lasts one transaction.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var creating = stores.Select(store => Task.Run(async () =>
        {
            await start.Task;
            return await store.CreateAsync(NewId(), new SessionRecord(new Dictionary<string, string>(), DateTimeOffset.UtcNow.AddHours(1)));
        })).ToList();
        start.SetResult();

        Assert.All(await Task.WhenAll(creating), result => Assert.Equal(SessionWriteResult.Written, result));
        Assert.Equal(["8"], await bouncer.Postgres.QueryAsync($"SELECT count(*) FROM \"{table}\""));
    }

    [SkippableFact]
    public async Task A_schema_named_in_the_options_works_where_a_search_path_in_the_connection_string_is_refused()
    {
        bouncer.EnsureAvailable();
        var schema = $"schema_{Guid.NewGuid():N}";
        await bouncer.Postgres.ExecuteAsync($"CREATE SCHEMA \"{schema}\"");

        // Npgsql sends Search Path as a startup parameter, which PgBouncer does not pass on to a server connection.
        await using (var searchPath = bouncer.CreateDataSource(builder => builder.SearchPath = schema))
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(async () => await searchPath.OpenConnectionAsync());
            output.WriteLine($"{refused.SqlState}: {refused.MessageText}");
            Assert.Contains("search_path", refused.MessageText, StringComparison.Ordinal);
        }

        var store = Store(new PostgreSqlSessionRecordStoreOptions { SchemaName = schema, TableName = PostgreSqlServerFixture.NewTableName() });
        var id = NewId();
        Assert.Equal(SessionWriteResult.Written, await store.CreateAsync(id, new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, DateTimeOffset.UtcNow.AddHours(1))));
        Assert.Equal("1", (await store.LoadAsync(id)).Record?.Values["a"]);
    }

    private PostgreSqlSessionRecordStore Store(PostgreSqlSessionRecordStoreOptions options)
        => new(bouncer.DataSource, Options.Create(options), TimeProvider.System);

    private static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
