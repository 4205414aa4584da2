using System.Text.Json;

namespace TypedSessions.Engine;

/// <inheritdoc />
internal sealed class SessionManager(SessionEngine engine) : ISessionManager
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

    public ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
        => engine.Backend.ExistsAsync(key, cancellationToken);

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken = default)
        => engine.Backend.DeleteAsync(key, cancellationToken);

    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
        => engine.Backend.ClearExpiredAsync(cancellationToken);
}
