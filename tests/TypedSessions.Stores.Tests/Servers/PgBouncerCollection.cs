namespace TypedSessions.Stores.Tests.Servers;

/// <summary>The tests that share one throwaway PgBouncer (and the PostgreSQL server behind it); they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PgBouncerCollection : ICollectionFixture<PgBouncerFixture>
{
    public const string Name = "PgBouncer in transaction pooling mode";
}
