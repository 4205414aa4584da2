using Microsoft.AspNetCore.Http;
using TypedSessions.Engine;

namespace TypedSessions;

/// <summary>
/// Gives the request its session and commits it before the response goes out. The session is attached up front only
/// when the endpoint loads it, or when the response must act on the session cookie even if nobody reads the session
/// (<see cref="SessionFeatureAttacher.MustAttachUpFront"/>); otherwise on its first use. A request that never touches
/// the session costs no store I/O and no allocation.
/// </summary>
internal sealed class TypedSessionsMiddleware(RequestDelegate next, SessionFeatureAttacher attacher, SessionHttpCommitter committer)
{
    public Task InvokeAsync(HttpContext context)
    {
        var load = context.GetEndpoint()?.Metadata.GetMetadata<ILoadSessionMetadata>() is not null;
        var feature = context.Features.Get<TypedSessionFeature>();
        if (feature is null && (load || attacher.MustAttachUpFront(context.Request)))
        {
            feature = attacher.Attach(context);
        }

        if (feature is not null)
        {
            return RunAsync(context, feature, handler: null, load);
        }

        DeferredSessionFeature.Install(context, attacher);
        Task handler;
        try
        {
            handler = next(context);
        }
        catch (Exception exception)
        {
            handler = Task.FromException(exception);
        }

        // The common case, a synchronous handler that never touched the session, ends here without a state machine.
        return handler.IsCompletedSuccessfully && context.Features.Get<TypedSessionFeature>() is null
            ? Task.CompletedTask
            : RunAsync(context, null, handler, load: false);
    }

    /// <summary>Waits for the handler (started already, or started here after loading), then commits what it touched.</summary>
    private async Task RunAsync(HttpContext context, TypedSessionFeature? feature, Task? handler, bool load)
    {
        try
        {
            if (load)
            {
                await feature!.Session.LoadAsync(context.RequestAborted);
            }

            await (handler ?? next(context));
        }
        catch (SessionStoreUnavailableException exception) when (!context.Response.HasStarted)
        {
            // The session could not be loaded (or saved, flushed or cycled by the handler): it cannot run as written.
            var failure = new SessionCommitOutcome(
                exception.MayHaveBeenWritten ? SessionCommitStatus.MayHaveBeenWritten : SessionCommitStatus.StoreUnavailable, exception);
            if ((feature ?? context.Features.Get<TypedSessionFeature>()) is { } failed)
            {
                failed.HandlerFailed = true;
                failed.Failure = failure;
            }

            await SessionFailureResponse.WriteAsync(context, failure, committer.RetryAfter);
            return;
        }
        catch
        {
            if ((feature ?? context.Features.Get<TypedSessionFeature>()) is { } failed)
            {
                failed.HandlerFailed = true;
            }

            throw;
        }

        // A handler that left the response unsent (or whose filters did not run) is saved here, where a failure can
        // still replace the response.
        feature ??= context.Features.Get<TypedSessionFeature>();
        if (feature is not null && !context.Response.HasStarted)
        {
            var outcome = await committer.SaveAsync(feature, context.Response.StatusCode);
            if (outcome.IsFailure)
            {
                await SessionFailureResponse.WriteAsync(context, outcome, committer.RetryAfter);
            }
        }
    }
}
