using Microsoft.AspNetCore.Http;

namespace TypedSessions;

/// <summary>
/// Saves the session after a minimal API handler returns and before its result is written, so that a failed save
/// can still become a proper 400, 409, 500 or 503 instead of a broken response.
/// </summary>
internal static class SessionCommitEndpointFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var result = await next(invocation).ConfigureAwait(false);
        var context = invocation.HttpContext;
        if (context.Features.Get<TypedSessionFeature>() is not { } feature)
        {
            return result;
        }

        // A result's status is known before it runs; a plain value is written with the response's status (200).
        var failure = await feature.Committer.SaveBeforeResultAsync(context, (result as IStatusCodeHttpResult)?.StatusCode).ConfigureAwait(false);
        return failure ?? result;
    }
}
