namespace TypedSessions.Testing;

/// <summary>
/// The store calls a <see cref="StoreRendezvous"/> can hold until every party has arrived. Loads are not among them:
/// the hold comes before the call, so held loads would all run after the release, racing the saves they should precede.
/// </summary>
public enum GatedStoreCall
{
    Create,
    Update,
    ClearExpired,
}
