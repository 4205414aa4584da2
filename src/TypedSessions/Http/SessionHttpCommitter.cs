using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TypedSessions.Engine;

namespace TypedSessions;

/// <summary>
/// Django's <c>SessionMiddleware.process_response</c> for ASP.NET Core, in two steps. <see cref="SaveAsync"/> asks the
/// committer to save, as early as the framework allows: after the handler and before its result is written (endpoint
/// and result filters), else at the end of the middleware, else as the response starts. <see cref="ApplyHeaders"/> then
/// maps the session's final state to the cookie and <c>Vary</c> headers, once, as the response starts.
/// </summary>
internal sealed class SessionHttpCommitter(SessionEngine engine, ILoggerFactory loggerFactory)
{
    private readonly TypedSessionsOptions _options = engine.Options;
    private readonly ILogger _logger = loggerFactory.CreateLogger("TypedSessions.Http");

    /// <summary>How long clients are told to wait while the store is down.</summary>
    public TimeSpan RetryAfter => engine.RetryAfter;

    /// <summary>
    /// Saves the session if it must be saved, for a response of <paramref name="statusCode"/>. Saving again later in the
    /// same request writes only what changed since; a failure is remembered, and nothing more is saved.
    /// </summary>
    public async ValueTask<SessionCommitOutcome> SaveAsync(TypedSessionFeature feature, int statusCode)
    {
        if (feature.Failure is { } failure)
        {
            return failure;
        }

        if (feature.HandlerFailed || statusCode >= StatusCodes.Status500InternalServerError)
        {
            return SessionCommitOutcome.NothingToSave;
        }

        var session = feature.Session;

        // An untouched session costs no store I/O, unless every request must refresh the session its cookie names.
        if (!session.IsLoaded)
        {
            if (!_options.SaveEveryRequest || session.IsEmpty)
            {
                return SessionCommitOutcome.NothingToSave;
            }

            try
            {
                await session.LoadAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (SessionStoreUnavailableException exception)
            {
                return feature.Failure = new SessionCommitOutcome(SessionCommitStatus.StoreUnavailable, exception);
            }
        }

        // A keyless session without data has nothing to create.
        if (session.IsEmpty)
        {
            return SessionCommitOutcome.NothingToSave;
        }

        var outcome = await engine.Committer.SaveAsync(session, force: _options.SaveEveryRequest && !session.WasSaved).ConfigureAwait(false);
        if (outcome.IsFailure)
        {
            feature.Failure = outcome;
        }

        return outcome;
    }

    /// <summary>
    /// The last chance, as the response starts: saves what is left, and never throws, since Kestrel would answer a
    /// throwing callback with a 500 and then let the handler's body follow on the same connection. A failure sets the
    /// status and is logged; a handler that writes its own body keeps it.
    /// </summary>
    public async Task OnResponseStartingAsync(HttpContext context, TypedSessionFeature feature)
    {
        var response = context.Response;
        try
        {
            var outcome = await SaveAsync(feature, response.StatusCode).ConfigureAwait(false);
            if (outcome.IsFailure)
            {
                SessionFailureResponse.SetStatus(response, outcome, RetryAfter);
            }

            ApplyHeaders(context, feature);
        }
        catch (Exception exception)
        {
            Log.CommitFailedAsResponseStarted(_logger, exception);
            feature.Failure ??= new SessionCommitOutcome(SessionCommitStatus.Failed, exception);
            response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    }

    /// <summary>The cookie and <c>Vary</c> headers for the session as it ends the request (Django's decision table).</summary>
    public void ApplyHeaders(HttpContext context, TypedSessionFeature feature)
    {
        var response = context.Response;
        var session = feature.Session;
        if (feature.Failure is not null)
        {
            SessionCookieWriter.AddVaryCookie(response);
            return;
        }

        // A cookie that names nothing usable (malformed, unknown, flushed) is deleted, loaded or not.
        var empty = session.IsEmpty;
        if (feature.RequestHadCookie && empty)
        {
            SessionCookieWriter.Delete(context, _options.Cookie);
            SessionCookieWriter.AddVaryCookie(response);
            return;
        }

        if (!session.IsLoaded)
        {
            return;
        }

        if (session.IsAccessed || session.WasSaved)
        {
            SessionCookieWriter.AddVaryCookie(response);
        }

        if (empty || !session.WasSaved || feature.HandlerFailed || response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            return;
        }

        var maxAge = session.ExpiresAtBrowserClose ? (TimeSpan?)null : session.ExpiryAge;
        SessionCookieWriter.Append(context, _options.Cookie, session.Key!, maxAge, engine.Time.GetUtcNow());
    }
}
