using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using TypedSessions.PostgreSql;

namespace TypedSessions;

/// <summary>Registers the PostgreSQL store.</summary>
public static class PostgreSqlStoreBuilderExtensions
{
    /// <summary>
    /// Keeps sessions in a PostgreSQL database, in a table created on first use, over a data source of the store's own.
    /// The options are validated at startup.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddTypedSessions</c>.</param>
    /// <param name="connectionString">An Npgsql connection string, for example <c>Host=db;Database=app;Username=app;Password=…</c>.</param>
    /// <param name="configure">Changes further options, such as <see cref="PostgreSqlSessionRecordStoreOptions.TableName"/>.</param>
    public static TypedSessionsBuilder AddPostgreSqlStore(
        this TypedSessionsBuilder builder, string connectionString, Action<PostgreSqlSessionRecordStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return AddStore(builder, connectionString, configure, static services => new PostgreSqlSessionRecordStore(
            services.GetRequiredService<IOptions<PostgreSqlSessionRecordStoreOptions>>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetService<ILoggerFactory>()));
    }

    /// <summary>
    /// Keeps sessions in a PostgreSQL database, in a table created on first use, over the <see cref="NpgsqlDataSource"/>
    /// registered in dependency injection (for example by Npgsql.DependencyInjection's <c>AddNpgsqlDataSource</c>),
    /// which the store shares and never disposes. The options are validated at startup.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddTypedSessions</c>.</param>
    public static TypedSessionsBuilder AddPostgreSqlStore(this TypedSessionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return AddSharedDataSourceStore(builder, configure: null);
    }

    /// <inheritdoc cref="AddPostgreSqlStore(TypedSessionsBuilder)"/>
    /// <param name="builder">The builder returned by <c>AddTypedSessions</c>.</param>
    /// <param name="configure">Changes further options, such as <see cref="PostgreSqlSessionRecordStoreOptions.TableName"/>.</param>
    public static TypedSessionsBuilder AddPostgreSqlStore(this TypedSessionsBuilder builder, Action<PostgreSqlSessionRecordStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return AddSharedDataSourceStore(builder, configure);
    }

    private static TypedSessionsBuilder AddSharedDataSourceStore(TypedSessionsBuilder builder, Action<PostgreSqlSessionRecordStoreOptions>? configure)
        => AddStore(builder, connectionString: null, configure, static services => new PostgreSqlSessionRecordStore(
            services.GetService<NpgsqlDataSource>() ?? throw new InvalidOperationException(
                "AddPostgreSqlStore() without a connection string uses the NpgsqlDataSource registered in dependency injection, and none is. " +
                "Register one (services.AddNpgsqlDataSource(connectionString) or services.AddSingleton(NpgsqlDataSource.Create(connectionString))) " +
                "or pass a connection string to AddPostgreSqlStore."),
            services.GetRequiredService<IOptions<PostgreSqlSessionRecordStoreOptions>>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetService<ILoggerFactory>()));

    private static TypedSessionsBuilder AddStore(
        TypedSessionsBuilder builder,
        string? connectionString,
        Action<PostgreSqlSessionRecordStoreOptions>? configure,
        Func<IServiceProvider, PostgreSqlSessionRecordStore> factory)
    {
        var options = builder.Services.AddOptions<PostgreSqlSessionRecordStoreOptions>();
        if (connectionString is not null)
        {
            options.Configure(o => o.ConnectionString = connectionString);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlSessionRecordStoreOptions>, PostgreSqlSessionRecordStoreOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);

        // The last registration wins, as with UseStore, so that switching from a connection string to a shared data
        // source (or back) takes effect.
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder.UseStore(static services => services.GetRequiredService<PostgreSqlSessionRecordStore>());
    }
}
