using Microsoft.AspNetCore.Http;
using TypedSessions.Engine;

namespace TypedSessions;

/// <summary>
/// Attaches a lazily loaded session to every request and commits it before the response goes out. Requests that never
/// touch the session cause no store I/O and no allocation beyond the feature.
/// </summary>
internal sealed class TypedSessionsMiddleware(RequestDelegate next, SessionFeatureAttacher attacher, SessionHttpCommitter committer)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var feature = attacher.Attach(context);

        // Headers are decided as the response starts, for every kind of handler; a handler that writes its own body
        // also gets its save here (it never throws, so the body it writes stays well framed).
        context.Response.OnStarting(
            static state =>
            {
                var (httpContext, requestFeature) = ((HttpContext, TypedSessionFeature))state;
                return requestFeature.Committer.OnResponseStartingAsync(httpContext, requestFeature);
            },
            (context, feature));

        try
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ILoadSessionMetadata>() is not null)
            {
                await feature.Session.LoadAsync(context.RequestAborted);
            }

            await next(context);
        }
        catch (SessionStoreUnavailableException exception) when (!context.Response.HasStarted)
        {
            // The session could not be loaded (or saved, flushed or cycled by the handler): it cannot run as written.
            feature.HandlerFailed = true;
            feature.Failure = new SessionCommitOutcome(
                exception.MayHaveBeenWritten ? SessionCommitStatus.MayHaveBeenWritten : SessionCommitStatus.StoreUnavailable, exception);
            await SessionFailureResponse.WriteAsync(context, feature.Failure, committer.RetryAfter);
            return;
        }
        catch
        {
            feature.HandlerFailed = true;
            throw;
        }

        // A handler that left the response unsent (or whose filters did not run) is saved here, where a failure can
        // still replace the response.
        if (!context.Response.HasStarted)
        {
            var outcome = await committer.SaveAsync(feature, context.Response.StatusCode);
            if (outcome.IsFailure)
            {
                await SessionFailureResponse.WriteAsync(context, outcome, committer.RetryAfter);
            }
        }
    }
}
