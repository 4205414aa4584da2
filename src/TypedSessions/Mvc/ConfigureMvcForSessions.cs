using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace TypedSessions.Mvc;

/// <summary>
/// Puts the session-state binder first, so that MVC never tries to bind these classes from the body or the form, and
/// saves the session before every action's or page's result runs.
/// </summary>
internal sealed class ConfigureMvcForSessions : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        options.ModelBinderProviders.Insert(0, new SessionStateModelBinderProvider());
        options.Filters.Add(new SessionCommitResultFilter());
    }
}
