using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedSessions.Serialization;

namespace TypedSessions.Engine;

/// <summary>What every session of the app shares: options, clock, JSON settings, loggers and the backend.</summary>
internal sealed class SessionEngine
{
    public SessionEngine(ISessionBackend backend, IOptions<TypedSessionsOptions> options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        Backend = backend;
        Options = options.Value;
        Time = time;
        Logger = loggerFactory.CreateLogger("TypedSessions.Session");
        JsonResolverDefaults.EnsureTypeInfoResolver(Options.JsonSerializerOptions);
    }

    public ISessionBackend Backend { get; }

    public TypedSessionsOptions Options { get; }

    public TimeProvider Time { get; }

    public JsonSerializerOptions Json => Options.JsonSerializerOptions;

    public ILogger Logger { get; }

    /// <summary>Opens an unloaded session for a cookie value; a malformed value is dropped here, unseen by the store.</summary>
    public Session CreateUnloaded(string? cookieValue)
    {
        if (cookieValue is not null && !Backend.IsWellFormed(cookieValue))
        {
            Log.MalformedSessionCookie(Logger);
            cookieValue = null;
        }

        return new Session(this, cookieValue);
    }
}
