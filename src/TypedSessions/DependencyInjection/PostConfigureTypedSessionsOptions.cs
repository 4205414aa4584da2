using Microsoft.Extensions.Options;
using TypedSessions.Serialization;

namespace TypedSessions;

/// <summary>Fills in what the app left unset, after every <c>Configure</c> has run, so no service mutates options later.</summary>
internal sealed class PostConfigureTypedSessionsOptions : IPostConfigureOptions<TypedSessionsOptions>
{
    public void PostConfigure(string? name, TypedSessionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.JsonSerializerOptions is { } json)
        {
            JsonResolverDefaults.EnsureTypeInfoResolver(json);
        }
    }
}
