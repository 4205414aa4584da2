using Microsoft.Extensions.Options;

namespace TypedSessions;

/// <summary>Rejects option values that would make sessions unusable, at startup.</summary>
internal sealed class TypedSessionsOptionsValidator : IValidateOptions<TypedSessionsOptions>
{
    public ValidateOptionsResult Validate(string? name, TypedSessionsOptions options)
    {
        var failures = new List<string>();
        if (options.Lifetime <= TimeSpan.Zero)
        {
            failures.Add($"TypedSessionsOptions.Lifetime must be positive; it is {options.Lifetime}.");
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

        if (string.IsNullOrWhiteSpace(options.Cookie?.Name))
        {
            failures.Add("TypedSessionsOptions.Cookie.Name must not be empty.");
        }

        if (options.JsonSerializerOptions is null)
        {
            failures.Add("TypedSessionsOptions.JsonSerializerOptions must not be null.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
