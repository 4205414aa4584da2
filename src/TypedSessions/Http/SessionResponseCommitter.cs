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

        // An untouched session costs no store I/O, unless every request must refresh the session its cookie names.
        if (!session.IsLoaded && options.SaveEveryRequest && !session.IsEmpty)
        {
            await session.LoadAsync(CancellationToken.None).ConfigureAwait(false);
        }

        // A cookie that names nothing usable (malformed, unknown, flushed) is deleted, loaded or not.
        var empty = session.IsEmpty;
        if (feature.RequestHadCookie && empty)
        {
            SessionCookieWriter.Delete(context, options.Cookie);
            SessionCookieWriter.AddVaryCookie(response);
            return;
        }

        if (!session.IsLoaded)
        {
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
            catch (SessionInterruptedException exception)
            {
                Log.SessionInterrupted(engine.Logger);
                await RejectAsync(response, StatusCodes.Status400BadRequest, exception.Message, responseStarting).ConfigureAwait(false);
                return;
            }
            catch (SessionConflictException exception)
            {
                Log.SessionConflict(engine.Logger, exception.Keys.Count);
                await RejectAsync(response, StatusCodes.Status409Conflict, exception.Message, responseStarting).ConfigureAwait(false);
                return;
            }
        }

        var maxAge = session.ExpiresAtBrowserClose ? (TimeSpan?)null : session.ExpiryAge;
        SessionCookieWriter.Append(context, options.Cookie, session.Key!, maxAge, engine.Time.GetUtcNow());
    }

    // A save that must not happen (Django's SessionInterrupted, or an optimistic conflict) replaces the handler's
    // response if it is unsent; a streaming handler's body is already on its way, so only the status changes.
    private static async Task RejectAsync(HttpResponse response, int statusCode, string reason, bool responseStarting)
    {
        if (responseStarting)
        {
            response.StatusCode = statusCode;
            return;
        }

        response.Clear();
        response.StatusCode = statusCode;
        SessionCookieWriter.AddVaryCookie(response);
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(reason).ConfigureAwait(false);
    }
}
