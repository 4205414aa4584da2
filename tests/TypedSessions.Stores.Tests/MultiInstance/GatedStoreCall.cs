namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>The store calls a <see cref="StoreRendezvous"/> can hold until every party has arrived.</summary>
public enum GatedStoreCall
{
    Create,
    Update,
    ClearExpired,
}
