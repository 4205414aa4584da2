namespace TypedSessions.Testing;

/// <summary>The store calls a <see cref="StoreRendezvous"/> can hold until every party has arrived.</summary>
public enum GatedStoreCall
{
    Load,
    Create,
    Update,
    ClearExpired,
}
