using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace TypedSessions.Sqlite;

/// <summary>
/// Rejects options the store cannot use safely. The table name goes into SQL text (identifiers cannot be parameters),
/// so this check is what keeps it from being an injection point.
/// </summary>
internal sealed partial class SqliteSessionRecordStoreOptionsValidator : IValidateOptions<SqliteSessionRecordStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteSessionRecordStoreOptions options)
    {
        var failures = new List<string>();
        ValidateConnectionString(options.ConnectionString, failures);
        if (options.TableName is null || !SafeIdentifier().IsMatch(options.TableName))
        {
            failures.Add(
                $"SqliteSessionRecordStoreOptions.TableName must be a letter or underscore followed by letters, digits or underscores " +
                $"(at most 64 characters); it is '{options.TableName}'.");
        }
        else if (options.TableName.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"SqliteSessionRecordStoreOptions.TableName must not start with 'sqlite_', which SQLite reserves; it is '{options.TableName}'.");
        }

        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"SqliteSessionRecordStoreOptions.BusyTimeout must be positive; it is {options.BusyTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws when <paramref name="options"/> fail validation, for stores built without the options pipeline.</summary>
    public static void ThrowIfInvalid(SqliteSessionRecordStoreOptions options)
    {
        var result = new SqliteSessionRecordStoreOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SqliteSessionRecordStoreOptions), result.Failures);
        }
    }

    private static void ValidateConnectionString(string? connectionString, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add("SqliteSessionRecordStoreOptions.ConnectionString must not be empty.");
            return;
        }

        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            failures.Add($"SqliteSessionRecordStoreOptions.ConnectionString is not a valid SQLite connection string: {exception.Message}");
            return;
        }

        // Each pooled connection to a private in-memory database is a database of its own: sessions would vanish.
        var inMemory = builder.Mode == SqliteOpenMode.Memory || builder.DataSource is ":memory:" or "";
        if (inMemory && builder.Cache != SqliteCacheMode.Shared)
        {
            failures.Add(
                "SqliteSessionRecordStoreOptions.ConnectionString names a private in-memory database, which every connection sees empty; " +
                "use a file (Data Source=sessions.db) or a shared one (Data Source=name;Mode=Memory;Cache=Shared).");
        }
    }

    // \z, not $: $ would also accept a trailing newline.
    [GeneratedRegex(@"\A[A-Za-z_][A-Za-z0-9_]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeIdentifier();
}
