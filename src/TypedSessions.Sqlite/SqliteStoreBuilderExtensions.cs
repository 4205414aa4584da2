using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TypedSessions.Sqlite;

namespace TypedSessions;

/// <summary>Registers the SQLite store.</summary>
public static class SqliteStoreBuilderExtensions
{
    /// <summary>
    /// Keeps sessions in a SQLite database, in a table created on first use. The options are validated at startup.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddTypedSessions</c>.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, for example <c>Data Source=sessions.db</c>.</param>
    /// <param name="configure">Changes further options, such as <see cref="SqliteSessionRecordStoreOptions.TableName"/>.</param>
    public static TypedSessionsBuilder AddSqliteStore(
        this TypedSessionsBuilder builder, string connectionString, Action<SqliteSessionRecordStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        var options = builder.Services.AddOptions<SqliteSessionRecordStoreOptions>()
            .Configure(o => o.ConnectionString = connectionString);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<SqliteSessionRecordStoreOptions>, SqliteSessionRecordStoreOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<SqliteSessionRecordStore>();
        return builder.UseStore(static services => services.GetRequiredService<SqliteSessionRecordStore>());
    }
}
