namespace TypedSessions.Stores.Tests.Servers;

/// <summary>The tests that share one throwaway PostgreSQL server; they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServerFixture>
{
    public const string Name = "PostgreSQL server";
}
