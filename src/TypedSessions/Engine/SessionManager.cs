using System.Text.Json;

namespace TypedSessions.Engine;

/// <inheritdoc />
internal sealed class SessionManager(SessionEngine engine, UserSessions users) : ISessionManager
{
    public async ValueTask<Session> OpenAsync(string? key, CancellationToken cancellationToken = default)
    {
        var session = engine.CreateUnloaded(key);
        await session.LoadAsync(cancellationToken).ConfigureAwait(false);
        return session;
    }

    public async ValueTask<Session> CreateAsync(CancellationToken cancellationToken = default)
    {
        var session = await OpenAsync(key: null, cancellationToken).ConfigureAwait(false);
        await session.SaveAsync(cancellationToken).ConfigureAwait(false);
        return session;
    }

    public async ValueTask<IReadOnlyDictionary<string, JsonElement>?> DecodeAsync(string key, CancellationToken cancellationToken = default)
    {
        var session = await OpenAsync(key, cancellationToken).ConfigureAwait(false);
        return session.Key is null ? null : session.ToDictionary();
    }

    public async ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
        => engine.Storage.Keys.IsWellFormed(key) && await engine.Storage.LoadAsync(key, cancellationToken).ConfigureAwait(false) is not null;

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
        => engine.Storage.DeleteAsync(key, cancellationToken);

    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
        => engine.Storage.ClearExpiredAsync(cancellationToken);

    public async ValueTask<IReadOnlyList<SessionInfo>> ListUserSessionsAsync(string userId, CancellationToken cancellationToken = default)
    {
        var sessions = new List<SessionInfo>();
        await foreach (var info in users.EnumerateAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(info);
        }

        return sessions;
    }

    public IAsyncEnumerable<SessionInfo> EnumerateUserSessionsAsync(string userId, CancellationToken cancellationToken = default)
    {
        Session.ValidateUserId(userId, nameof(userId));
        return users.EnumerateAsync(userId, cancellationToken);
    }

    public ValueTask<bool> RevokeAsync(string recordId, CancellationToken cancellationToken = default)
        => users.RevokeAsync(recordId, cancellationToken);

    public ValueTask<int> RevokeUserSessionsAsync(string userId, string? exceptKey = null, CancellationToken cancellationToken = default)
    {
        Session.ValidateUserId(userId, nameof(userId));
        return users.RevokeAllAsync(userId, exceptKey, cancellationToken);
    }
}
