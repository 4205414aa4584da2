using Microsoft.AspNetCore.Http;

namespace TypedSessions;

/// <summary>The request's session, loaded asynchronously.</summary>
public static class HttpContextSessionExtensions
{
    /// <summary>Loads the request's session once (asynchronously) and returns it.</summary>
    /// <exception cref="InvalidOperationException"><c>UseTypedSessions()</c> is not in the pipeline.</exception>
    public static async ValueTask<Session> GetSessionAsync(this HttpContext context)
    {
        var session = context.GetUnloadedSession();
        await session.LoadAsync(context.RequestAborted).ConfigureAwait(false);
        return session;
    }

    /// <summary>Loads the request's session and returns a typed view of it.</summary>
    /// <typeparam name="T">A <see cref="SessionStateAttribute"/> class.</typeparam>
    public static async ValueTask<T> GetSessionStateAsync<T>(this HttpContext context)
        where T : class, ISessionState<T>
        => (await context.GetSessionAsync().ConfigureAwait(false)).GetState<T>();

    /// <summary>The request's session, loaded or not: attached on its first use in the request.</summary>
    internal static Session GetUnloadedSession(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var feature = context.Features.Get<TypedSessionFeature>()
            ?? (context.Features.Get<Microsoft.AspNetCore.Http.Features.ISessionFeature>() as DeferredSessionFeature)?.Attach()
            ?? throw new InvalidOperationException(
                "No TypedSessions session is available for this request: call app.UseTypedSessions() before the endpoints that use the session.");
        return feature.Session;
    }
}
