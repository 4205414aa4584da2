using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using TypedSessions.Serialization;

namespace TypedSessions;

/// <summary>
/// ASP.NET Core's <see cref="ISession"/> over a TypedSessions <see cref="TypedSessions.Session"/>, so that code written
/// for <c>HttpContext.Session</c> keeps working. Byte values are stored as base64 JSON strings.
/// </summary>
internal sealed class AspNetSessionAdapter(Session session) : ISession
{
    private static readonly SessionValueCodec<byte[]> Bytes = SessionCodecs.Json<byte[]>();

    // Reporting "unavailable" instead of loading keeps this synchronous API free of blocking I/O.
    public bool IsAvailable => session.IsLoaded;

    public string Id => session.Key ?? string.Empty;

    public IEnumerable<string> Keys => session.Keys;

    public Task LoadAsync(CancellationToken cancellationToken = default) => session.LoadAsync(cancellationToken).AsTask();

    // The middleware commits at the end of the request; an explicit commit saves now.
    public Task CommitAsync(CancellationToken cancellationToken = default)
        => session.IsModified ? session.SaveAsync(cancellationToken).AsTask() : Task.CompletedTask;

    public bool TryGetValue(string key, [NotNullWhen(true)] out byte[]? value)
    {
        if (session.ContainsKey(key))
        {
            value = session.GetValue(key, Bytes);
            return value is not null;
        }

        value = null;
        return false;
    }

    public void Set(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        session.SetValue(key, value, Bytes);
    }

    public void Remove(string key) => session.Remove(key);

    public void Clear() => session.Clear();
}
