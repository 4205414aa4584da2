using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using TypedSessions.Diagnostics;
using TypedSessions.Stores;

namespace TypedSessions.Engine;

/// <summary>
/// A user's sessions across the store: listing, revoking, and the <see cref="TypedSessionsOptions.MaxSessionsPerUser"/>
/// limit. Calls go to the store's <see cref="ISessionUserIndex"/>, bounded by the caller's token rather than the store
/// timeout: a user with thousands of sessions takes longer than one request's store call.
/// </summary>
internal sealed class UserSessions(SessionEngine engine)
{
    // Revocations in flight at once: enough to hide round trips to a networked store, few enough not to flood it.
    private const int RevokeConcurrency = 16;

    public async IAsyncEnumerable<SessionInfo> EnumerateAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Session.ValidateUserId(userId, nameof(userId));
        await foreach (var info in Index.ListUserSessionsAsync(userId, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return info;
        }
    }

    public async ValueTask<bool> RevokeAsync(string recordId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(recordId);
        var index = Index;
        var result = await engine.Storage.Store.Telemetry.MeasureAsync(
            StoreOperation.Revoke, token => index.RevokeAsync(recordId, token), cancellationToken).ConfigureAwait(false);
        if (result.Revoked)
        {
            engine.Metrics.Revoked.Add(1);
            await engine.Events.RaiseAsync(SessionEventKind.Revoked, recordId, result.UserId, cancellationToken).ConfigureAwait(false);
        }

        return result.Revoked;
    }

    /// <summary>Revokes every live session of <paramref name="userId"/> but the one <paramref name="exceptKey"/> names; returns how many this call revoked.</summary>
    public async ValueTask<int> RevokeAllAsync(string userId, string? exceptKey, CancellationToken cancellationToken)
    {
        var except = exceptKey is not null && engine.Storage.Keys.IsWellFormed(exceptKey) ? engine.Storage.Keys.ToRecordId(exceptKey) : null;
        var recordIds = new List<string>();
        await foreach (var info in EnumerateAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            if (!string.Equals(info.RecordId, except, StringComparison.Ordinal))
            {
                recordIds.Add(info.RecordId);
            }
        }

        return await RevokeEachAsync(recordIds, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Revokes the oldest sessions of <paramref name="userId"/> beyond <paramref name="limit"/>; returns how many this
    /// call revoked.
    /// </summary>
    /// <remarks>
    /// Every instance that signs the user in calls this after its own session is stored, and all order sessions the same
    /// way (creation time, then record id). So concurrent sign-ins on several instances agree: whichever lists last sees
    /// every session and keeps the newest <paramref name="limit"/>, and an earlier call only ever revokes sessions that
    /// at least <paramref name="limit"/> newer ones outrank, which that last call would revoke too. The session just
    /// signed in is no exception: a sign-in whose creation time was taken before its record reached the store can be
    /// outranked by concurrent ones, and sparing it would leave the user one session over the limit.
    /// </remarks>
    public async ValueTask<int> EnforceLimitAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        var sessions = new List<SessionInfo>();
        await foreach (var info in EnumerateAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(info);
        }

        if (sessions.Count <= limit)
        {
            return 0;
        }

        var beyondLimit = sessions
            .OrderByDescending(static info => info.CreatedAt ?? DateTimeOffset.MinValue)
            .ThenByDescending(static info => info.RecordId, StringComparer.Ordinal)
            .Skip(limit)
            .Select(static info => info.RecordId)
            .ToList();
        var revoked = await RevokeEachAsync(beyondLimit, cancellationToken).ConfigureAwait(false);
        if (revoked > 0)
        {
            Log.SessionLimitEnforced(engine.Logger, limit, revoked);
        }

        return revoked;
    }

    private async ValueTask<int> RevokeEachAsync(List<string> recordIds, CancellationToken cancellationToken)
    {
        var revoked = 0;
        foreach (var chunk in recordIds.Chunk(RevokeConcurrency))
        {
            var results = await Task.WhenAll(chunk.Select(recordId => RevokeAsync(recordId, cancellationToken).AsTask())).ConfigureAwait(false);
            revoked += results.Count(static wasRevoked => wasRevoked);
        }

        return revoked;
    }

    private ISessionUserIndex Index
        => engine.Storage.Store.Store as ISessionUserIndex ?? throw SessionUserIndexSupport.NotSupported(engine.Storage.Store.Store);
}
