using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Stores;

namespace TypedSessions.Testing;

/// <summary>
/// The store an app (or one instance of several) registered, with its creates, updates and purges first meeting
/// a shared <see cref="StoreRendezvous"/>. It also passes on the user index (listing, revoking), which sign-in limits
/// and "sign out everywhere" need.
/// </summary>
internal sealed class RendezvousSessionRecordStore(ISessionRecordStore inner, StoreRendezvous rendezvous)
    : DelegatingSessionRecordStore(inner), ISessionUserIndex
{
    /// <summary>Wraps the store registered on <paramref name="sessions"/> so far.</summary>
    public static void Wrap(TypedSessionsBuilder sessions, StoreRendezvous rendezvous)
    {
        var registered = sessions.Services.Last(static descriptor => descriptor.ServiceType == typeof(ISessionRecordStore) && !descriptor.IsKeyedService);
        sessions.UseStore(services => new RendezvousSessionRecordStore(
            (ISessionRecordStore)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(services)
                ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!)),
            rendezvous));
    }

    public override async ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
    {
        await rendezvous.ArriveAsync(GatedStoreCall.Create);
        return await Inner.CreateAsync(recordId, record, cancellationToken);
    }

    public override async ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
    {
        await rendezvous.ArriveAsync(GatedStoreCall.Update);
        return await Inner.UpdateAsync(recordId, changes, cancellationToken);
    }

    public override async ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
    {
        await rendezvous.ArriveAsync(GatedStoreCall.ClearExpired);
        return await Inner.ClearExpiredAsync(cancellationToken);
    }

    public IAsyncEnumerable<SessionInfo> ListUserSessionsAsync(string userId, CancellationToken cancellationToken = default)
        => Index.ListUserSessionsAsync(userId, cancellationToken);

    public ValueTask<SessionRevokeResult> RevokeAsync(string recordId, CancellationToken cancellationToken = default)
        => Index.RevokeAsync(recordId, cancellationToken);

    private ISessionUserIndex Index => (ISessionUserIndex)Inner;
}
