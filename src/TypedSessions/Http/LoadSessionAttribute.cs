namespace TypedSessions;

/// <summary>
/// Endpoint metadata: the middleware loads the session asynchronously before the endpoint runs, so that the endpoint
/// can use <see cref="Session"/>, <see cref="Microsoft.AspNetCore.Http.HttpContext.Session"/> or TempData synchronously.
/// Put it on MVC controllers, actions or Razor Page models; for minimal APIs call <c>WithSessionLoaded()</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class LoadSessionAttribute : Attribute, ILoadSessionMetadata
{
}
