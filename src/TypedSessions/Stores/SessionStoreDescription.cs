namespace TypedSessions.Stores;

/// <summary>
/// What telemetry may say about a store: its name for metric tags, and the OpenTelemetry <c>db.*</c> and
/// <c>server.*</c> attributes of its spans. Never a connection string, password, session key or record id.
/// </summary>
public sealed class SessionStoreDescription
{
    /// <summary>
    /// The store's name in the <c>typedsessions.store</c> tag: lowercase, low cardinality, for example
    /// <c>redis</c>, <c>postgresql</c>, <c>sqlite</c>, <c>memory</c>.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>The OpenTelemetry <c>db.system.name</c> (<c>redis</c>, <c>postgresql</c>, <c>sqlite</c>), or <see langword="null"/> for a store that is no database.</summary>
    public string? DatabaseSystemName { get; init; }

    /// <summary>The OpenTelemetry <c>db.namespace</c>: the database name or index, when it says nothing secret.</summary>
    public string? DatabaseNamespace { get; init; }

    /// <summary>The OpenTelemetry <c>db.collection.name</c>: the table the sessions are in, when there is one.</summary>
    public string? CollectionName { get; init; }

    /// <summary>The OpenTelemetry <c>server.address</c>: the host name or IP address the store connects to, when there is exactly one.</summary>
    public string? ServerAddress { get; init; }

    /// <summary>The OpenTelemetry <c>server.port</c>, with <see cref="ServerAddress"/>.</summary>
    public int? ServerPort { get; init; }

    /// <summary>A description of a store that implements no <see cref="IDescribedSessionStore"/>: named after its type.</summary>
    public static SessionStoreDescription For(ISessionRecordStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store is IDescribedSessionStore described ? described.Description : new SessionStoreDescription { Name = store.GetType().Name };
    }
}
