using System.Security.Cryptography;
using TypedSessions.Stores;

namespace TypedSessions.HealthChecks;

/// <summary>The round trip that shows a store answers: its own probe, or else a load of a record id no session has.</summary>
internal static class SessionStoreHealth
{
    public static ValueTask PingAsync(ISessionRecordStore store, CancellationToken cancellationToken)
        => store is ISessionStoreHealthProbe probe ? probe.PingAsync(cancellationToken) : LoadAbsentAsync(store, cancellationToken);

    // Record ids are SHA-256 hex: a fresh random one names nothing, so the load costs the store one lookup that
    // finds nothing, whatever it holds. Found, not found or unreadable, the store answered.
    private static async ValueTask LoadAbsentAsync(ISessionRecordStore store, CancellationToken cancellationToken)
        => _ = await store.LoadAsync(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), cancellationToken).ConfigureAwait(false);
}
