using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Observability;

/// <summary>The PostgreSQL store's check (a SELECT 1) against a server this class stops and pauses.</summary>
public sealed class PostgreSqlStoreHealthCheckTests(ControllablePostgreSqlServer postgres)
    : ServerStoreHealthCheckTests, IClassFixture<ControllablePostgreSqlServer>
{
    protected override string StoreName => "postgresql";

    protected override string Secret => postgres.ConnectionString;

    protected override Task EnsureRunningAsync() => postgres.EnsureRunningAsync();

    protected override Task StopServerAsync() => postgres.StopAsync();

    protected override Task PauseServerAsync() => postgres.PauseAsync();

    protected override void AddStore(TypedSessionsBuilder sessions) => sessions.AddPostgreSqlStore(postgres.ConnectionString);
}
