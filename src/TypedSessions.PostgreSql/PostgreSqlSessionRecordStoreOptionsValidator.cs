using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TypedSessions.PostgreSql;

/// <summary>
/// Rejects options the store cannot use safely. Schema and table names go into SQL text (identifiers cannot be
/// parameters), so this check, together with quoting, is what keeps them from being an injection point.
/// </summary>
internal sealed partial class PostgreSqlSessionRecordStoreOptionsValidator : IValidateOptions<PostgreSqlSessionRecordStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlSessionRecordStoreOptions options)
    {
        var failures = new List<string>();
        if (options.TableName is null || !TableIdentifier().IsMatch(options.TableName))
        {
            failures.Add(
                "PostgreSqlSessionRecordStoreOptions.TableName must be a letter or underscore followed by letters, digits or underscores " +
                $"(at most 50 characters); it is '{options.TableName}'.");
        }

        if (options.SchemaName is { } schema)
        {
            if (!SchemaIdentifier().IsMatch(schema))
            {
                failures.Add(
                    "PostgreSqlSessionRecordStoreOptions.SchemaName must be null or a letter or underscore followed by letters, digits or underscores " +
                    $"(at most 63 characters); it is '{schema}'.");
            }
            else if (schema.StartsWith("pg_", StringComparison.OrdinalIgnoreCase))
            {
                failures.Add($"PostgreSqlSessionRecordStoreOptions.SchemaName must not start with 'pg_', which PostgreSQL reserves; it is '{schema}'.");
            }
        }

        if (!string.IsNullOrEmpty(options.ConnectionString))
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (Exception exception) when (exception is ArgumentException or FormatException)
            {
                failures.Add($"PostgreSqlSessionRecordStoreOptions.ConnectionString is not a valid Npgsql connection string: {exception.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws when <paramref name="options"/> fail validation, for stores built without the options pipeline.</summary>
    public static void ThrowIfInvalid(PostgreSqlSessionRecordStoreOptions options)
    {
        var result = new PostgreSqlSessionRecordStoreOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(PostgreSqlSessionRecordStoreOptions), result.Failures);
        }
    }

    // \z, not $: $ would also accept a trailing newline. ASCII only, so that a name's length in characters is its length in bytes.
    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_]{0,49}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TableIdentifier();

    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaIdentifier();
}
