using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TypedSessions.Engine;

namespace TypedSessions;

/// <summary>
/// Decides, as the response goes out, whether to save the session and what the cookie and <c>Vary</c> headers say
/// (Django's <c>SessionMiddleware.process_response</c>).
/// </summary>
internal static class SessionResponseCommitter
{
    /// <param name="context">The request.</param>
    /// <param name="feature">The request's session.</param>
    /// <param name="responseStarting">Whether this runs as the response starts (a streaming handler), when only headers can change.</param>
    public static async Task CommitAsync(HttpContext context, TypedSessionFeature feature, bool responseStarting)
    {
        if (feature.Committed)
        {
            return;
        }

        feature.Committed = true;
        var session = feature.Session;
        var engine = session.Engine;
        var options = engine.Options;
        var response = context.Response;

        if (!session.IsLoaded)
        {
            // Untouched: no store I/O, unless every request must refresh a session the cookie names.
            if (!(options.SaveEveryRequest && !session.IsEmpty))
            {
                if (feature.RequestHadCookie && session.IsEmpty)
                {
                    SessionCookieWriter.Delete(context, options.Cookie);
                    SessionCookieWriter.AddVaryCookie(response);
                }

                return;
            }

            await session.LoadAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var empty = session.IsEmpty;
        if (feature.RequestHadCookie && empty)
        {
            SessionCookieWriter.Delete(context, options.Cookie);
            SessionCookieWriter.AddVaryCookie(response);
            return;
        }

        var mustSave = session.IsModified || options.SaveEveryRequest;
        if (session.IsAccessed || mustSave)
        {
            SessionCookieWriter.AddVaryCookie(response);
        }

        if (empty || !(mustSave || session.WasSaved) || response.StatusCode >= 500 || feature.HandlerFailed)
        {
            return;
        }

        if (mustSave)
        {
            try
            {
                await session.SaveAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (SessionInterruptedException)
            {
                Log.SessionInterrupted(engine.Logger);
                await RejectInterruptedAsync(response, responseStarting).ConfigureAwait(false);
                return;
            }
        }

        var maxAge = session.ExpiresAtBrowserClose ? (TimeSpan?)null : session.ExpiryAge;
        SessionCookieWriter.Append(context, options.Cookie, session.Key!, maxAge, engine.Time.GetUtcNow());
    }

    // Django raises SessionInterrupted here, which becomes a 400; the handler's own response is discarded if unsent.
    private static async Task RejectInterruptedAsync(HttpResponse response, bool responseStarting)
    {
        if (responseStarting)
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        response.Clear();
        response.StatusCode = StatusCodes.Status400BadRequest;
        SessionCookieWriter.AddVaryCookie(response);
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(SessionInterruptedException.DefaultMessage).ConfigureAwait(false);
    }
}
