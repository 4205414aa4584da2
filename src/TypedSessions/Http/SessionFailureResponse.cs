using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using TypedSessions.Engine;

namespace TypedSessions;

/// <summary>
/// The response for a save that failed: 400 (deleted meanwhile), 409 (optimistic conflict), 500 (too large, or a
/// store error that is no outage) or 503 with <c>Retry-After</c> (store unavailable, or a write whose outcome is
/// unknown). The body is a problem details document when the app registered <c>AddProblemDetails()</c> (with a
/// <c>sessionFailure</c> member naming the failure), else text.
/// </summary>
internal static class SessionFailureResponse
{
    /// <summary>
    /// The problem details member that marks a session failure and names it (<c>Conflict</c>, <c>StoreUnavailable</c>,
    /// …), so that an app's own problem details writer can tell these from its other errors.
    /// </summary>
    public const string FailureExtension = "sessionFailure";

    public static int StatusCodeOf(SessionCommitOutcome outcome) => outcome.Status switch
    {
        SessionCommitStatus.Interrupted => StatusCodes.Status400BadRequest,
        SessionCommitStatus.Conflict => StatusCodes.Status409Conflict,
        SessionCommitStatus.StoreUnavailable or SessionCommitStatus.MayHaveBeenWritten => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Only the status line and headers, for a response whose body is already under way.</summary>
    public static void SetStatus(HttpResponse response, SessionCommitOutcome outcome, TimeSpan retryAfter)
    {
        response.StatusCode = StatusCodeOf(outcome);
        if (response.StatusCode == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers[HeaderNames.RetryAfter] = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Replaces an unsent response with the failure.</summary>
    public static async Task WriteAsync(HttpContext context, SessionCommitOutcome outcome, TimeSpan retryAfter)
    {
        var response = context.Response;
        response.Clear();
        SetStatus(response, outcome, retryAfter);
        SessionCookieWriter.AddVaryCookie(response);
        var (title, detail) = Describe(outcome);
        if (context.RequestServices?.GetService<IProblemDetailsService>() is { } problems
            && await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = response.StatusCode,
                    Title = title,
                    Detail = detail,
                    Extensions = { [FailureExtension] = outcome.Status.ToString() },
                },
            }).ConfigureAwait(false))
        {
            return;
        }

        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(detail).ConfigureAwait(false);
    }

    // What the client may know: the store's own errors and the session's contents stay in the logs.
    private static (string Title, string Detail) Describe(SessionCommitOutcome outcome) => outcome.Status switch
    {
        SessionCommitStatus.Interrupted => ("Session interrupted", SessionInterruptedException.DefaultMessage),
        SessionCommitStatus.Conflict => ("Session conflict", outcome.Error!.Message),
        SessionCommitStatus.TooLarge => ("Session too large", "The session is too large to save; nothing was saved."),
        SessionCommitStatus.StoreUnavailable => ("Session store unavailable", "The session store is unavailable; nothing was saved. Try again shortly."),
        SessionCommitStatus.MayHaveBeenWritten => ("Session store timed out", "The session store did not confirm the save in time; it may or may not have been saved. Reload before trying again."),
        _ => ("Session not saved", "The session could not be saved."),
    };
}
