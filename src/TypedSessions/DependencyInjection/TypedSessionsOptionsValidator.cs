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
