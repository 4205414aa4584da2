using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using TypedSessions.Engine;

namespace TypedSessions;

/// <summary>What a minimal API endpoint or an MVC action answers instead of its own result when the session could not be saved.</summary>
internal sealed class SessionFailureResult(SessionCommitOutcome outcome, TimeSpan retryAfter) : IResult, IActionResult, IStatusCodeHttpResult
{
    public int? StatusCode => SessionFailureResponse.StatusCodeOf(outcome);

    public Task ExecuteAsync(HttpContext httpContext) => SessionFailureResponse.WriteAsync(httpContext, outcome, retryAfter);

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);
}
