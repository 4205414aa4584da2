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
        // That refresh is best effort: an endpoint that never used the session does not fail because the store did.
        if (!session.IsLoaded)
        {
            if (!_options.SaveEveryRequest || session.IsEmptyAtCommit)
            {
                return SessionCommitOutcome.NothingToSave;
            }

            try
            {
                await session.LoadAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (SessionStoreUnavailableException exception)
            {
                Log.RefreshSkipped(_logger, exception);
                return SessionCommitOutcome.NothingToSave;
            }
        }

        // A keyless session without data has nothing to create.
        if (session.IsEmptyAtCommit)
        {
            return SessionCommitOutcome.NothingToSave;
        }

        // A read-only request refreshes the expiry once half the lifetime has passed; nothing else changes, so a
        // refresh that fails leaves the response as it was.
        var refreshOnly = !feature.RefreshAttempted && !session.WasSaved && session.NeedsSlidingRefresh() && !session.GetChanges().HasChanges;
        feature.RefreshAttempted |= refreshOnly;
        var outcome = await engine.Committer.SaveAsync(session, force: (_options.SaveEveryRequest || refreshOnly) && !session.WasSaved).ConfigureAwait(false);
        if (outcome.IsFailure && refreshOnly && !_options.SaveEveryRequest)
        {
            Log.SlidingRefreshFailed(_logger, outcome.Status, outcome.Error);
            return SessionCommitOutcome.NothingToSave;
        }

        if (outcome.IsFailure)
        {
            feature.Failure = outcome;
        }

        return outcome;
    }

    /// <summary>
    /// Saves a loaded session after a handler returned and before its result runs (<paramref name="declaredStatus"/>,
    /// if the result declares one, else the response's status), and returns the result to run instead when the save
    /// failed.
    /// </summary>
    public async ValueTask<SessionFailureResult?> SaveBeforeResultAsync(HttpContext context, int? declaredStatus)
    {
        if (context.Features.Get<TypedSessionFeature>() is not { Session.IsLoaded: true } feature || context.Response.HasStarted)
        {
            return null;
        }

        var outcome = await SaveAsync(feature, declaredStatus ?? context.Response.StatusCode).ConfigureAwait(false);
        return outcome.IsFailure ? new SessionFailureResult(outcome, RetryAfter) : null;
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

        // A key made during this request (a cycle on sign-in, a session created by an explicit save) names the only
        // record the session still has: the browser gets it even when a later save failed, or it would be signed out.
        var keyChanged = session.WasSaved && session.Key is not null && !feature.RequestCarried(session.Key);
        if (feature.Failure is not null)
        {
            SessionCookieWriter.AddVaryCookie(response);
            AppendIf(keyChanged, context, session);
            return;
        }

        // A cookie that names nothing usable (malformed, unknown, flushed) is deleted, loaded or not.
        var empty = session.IsEmptyAtCommit;
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

        if (empty)
        {
            return;
        }

        // Nothing is saved for a failed request (Django), but a key it already made must still reach the browser.
        var failedRequest = feature.HandlerFailed || response.StatusCode >= StatusCodes.Status500InternalServerError;
        AppendIf(failedRequest ? keyChanged : session.WasSaved, context, session);
    }

    private void AppendIf(bool condition, HttpContext context, Session session)
    {
        if (!condition)
        {
            return;
        }

        var maxAge = session.ExpiresAtBrowserClose ? (TimeSpan?)null : session.ExpiryAge;
        SessionCookieWriter.Append(context, _options.Cookie, session.Key!, maxAge, engine.Time.GetUtcNow());
    }
}
