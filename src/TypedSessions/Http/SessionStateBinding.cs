using System.ComponentModel;
using Microsoft.AspNetCore.Http;

namespace TypedSessions;

/// <summary>Minimal API binding of <see cref="SessionStateAttribute"/> classes; called by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SessionStateBinding
{
    /// <summary>Loads the session asynchronously and returns a typed view of it, before the handler runs.</summary>
    public static async ValueTask<T?> BindAsync<T>(HttpContext context)
        where T : class, ISessionState<T>
        => await context.GetSessionStateAsync<T>().ConfigureAwait(false);
}
