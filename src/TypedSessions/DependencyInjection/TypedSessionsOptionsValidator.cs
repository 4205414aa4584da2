using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace TypedSessions;

/// <summary>Rejects option values that would make sessions unusable, at startup.</summary>
internal sealed class TypedSessionsOptionsValidator : IValidateOptions<TypedSessionsOptions>
{
    public ValidateOptionsResult Validate(string? name, TypedSessionsOptions options)
    {
        var failures = new List<string>();
        if (options.Lifetime <= TimeSpan.Zero || options.Lifetime > Session.MaxExpiryAge)
        {
            failures.Add($"TypedSessionsOptions.Lifetime must be positive and at most {Session.MaxExpiryAge.TotalDays:0} days (Session.MaxExpiryAge); it is {options.Lifetime}.");
        }

        if (options.AbsoluteLifetime is { } tooLong && tooLong > Session.MaxExpiryAge)
        {
            failures.Add($"TypedSessionsOptions.AbsoluteLifetime must be at most {Session.MaxExpiryAge.TotalDays:0} days (Session.MaxExpiryAge); it is {tooLong}.");
        }

        if (options.AbsoluteLifetime is { } absolute && absolute <= TimeSpan.Zero)
        {
            failures.Add($"TypedSessionsOptions.AbsoluteLifetime must be positive, or null for no limit; it is {absolute}.");
        }

        if (options.StoreTimeout <= TimeSpan.Zero || options.StoreTimeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"TypedSessionsOptions.StoreTimeout must be positive and at most {TimeSpan.FromMilliseconds(int.MaxValue)}; it is {options.StoreTimeout}.");
        }

        if (options.PurgeInterval is { } purge && (purge <= TimeSpan.Zero || purge.TotalMilliseconds > int.MaxValue))
        {
            failures.Add($"TypedSessionsOptions.PurgeInterval must be positive and at most {TimeSpan.FromMilliseconds(int.MaxValue)}, or null to turn the purge off; it is {purge}.");
        }

        if (options.MaxSessionSize is <= 0)
        {
            failures.Add($"TypedSessionsOptions.MaxSessionSize must be positive, or null for no limit; it is {options.MaxSessionSize}.");
        }

        if (options.MaxSessionsPerUser is <= 0)
        {
            failures.Add($"TypedSessionsOptions.MaxSessionsPerUser must be at least 1 session, or null for no limit; it is {options.MaxSessionsPerUser}.");
        }

        if (string.IsNullOrWhiteSpace(options.Cookie?.Name))
        {
            failures.Add("TypedSessionsOptions.Cookie.Name must not be empty.");
        }
        else
        {
            AddPrefixFailures(options.Cookie, failures);
        }

        if (options.JsonSerializerOptions is null)
        {
            failures.Add("TypedSessionsOptions.JsonSerializerOptions must not be null.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // A browser silently drops a prefixed cookie whose attributes break the prefix's rules: every session would be lost.
    private static void AddPrefixFailures(CookieBuilder cookie, List<string> failures)
    {
        var name = cookie.Name!;
        if (!SessionCookiePrefix.RequiresSecure(name))
        {
            return;
        }

        var prefix = SessionCookiePrefix.IsHost(name) ? SessionCookiePrefix.Host : SessionCookiePrefix.Secure;
        var rule = prefix == SessionCookiePrefix.Host ? "only with Secure, Path=/ and no Domain" : "only with Secure";
        var start = $"TypedSessionsOptions.Cookie.Name '{name}' has the {prefix} prefix, which browsers accept {rule}, but";
        if (cookie.SecurePolicy != CookieSecurePolicy.Always)
        {
            failures.Add($"{start} Cookie.SecurePolicy is {cookie.SecurePolicy}: set it to CookieSecurePolicy.Always (or leave it unset).");
        }

        if (prefix != SessionCookiePrefix.Host)
        {
            return;
        }

        if (!string.IsNullOrEmpty(cookie.Domain))
        {
            failures.Add($"{start} Cookie.Domain is '{cookie.Domain}': leave it unset, so that the cookie belongs to the exact host.");
        }

        if (cookie.Path is { } path && path != "/")
        {
            failures.Add($"{start} Cookie.Path is '{path}': set it to \"/\".");
        }
    }
}
