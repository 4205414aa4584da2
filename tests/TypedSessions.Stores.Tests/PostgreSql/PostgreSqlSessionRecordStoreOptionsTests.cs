using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TypedSessions.PostgreSql;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>Options are checked at startup; schema and table names, spliced into SQL, must be plain identifiers.</summary>
public sealed class PostgreSqlSessionRecordStoreOptionsTests
{
    private const string ConnectionString = "Host=127.0.0.1;Port=1;Database=never_opened;Username=nobody";

    public static TheoryData<string> UnsafeNames =>
    [
        "x; drop",
        "x; DROP TABLE users; --",
        "",
        " ",
        "1sessions",
        "typed-sessions",
        "typed sessions",
        "\"typed_sessions\"",
        "typed\"sessions",
        "public.typed_sessions",
        "typed_sessions\n",
        "sessions\0",
        "séssions",
        new string('a', 64),
    ];

    [Fact]
    public void Defaults_are_the_typed_sessions_table_on_the_search_path_created_if_missing()
    {
        var options = new PostgreSqlSessionRecordStoreOptions();

        Assert.Equal("typed_sessions", options.TableName);
        Assert.Null(options.SchemaName);
        Assert.True(options.CreateTableIfMissing);
        Assert.Null(options.ConnectionString);
    }

    [Theory]
    [MemberData(nameof(UnsafeNames))]
    [InlineData("a_table_name_of_fifty_one_characters_is_one_too_lon")]
    public void Store_rejects_an_unsafe_table_name(string tableName)
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Create(o => o.TableName = tableName));

        Assert.Contains(exception.Failures, failure => failure.Contains("TableName", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(UnsafeNames))]
    [InlineData("pg_catalog")]
    [InlineData("PG_sessions")]
    public void Store_rejects_an_unsafe_schema_name(string schemaName)
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Create(o => o.SchemaName = schemaName));

        Assert.Contains(exception.Failures, failure => failure.Contains("SchemaName", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("typed_sessions", null)]
    [InlineData("_sessions", "app")]
    [InlineData("AppSessions2", "Tenant_1")]
    [InlineData("a_table_name_of_fifty_characters_is_the_longest_ok", "a_schema_name_of_sixty_three_characters_is_the_longest_one_ok_x")]
    public void Plain_identifiers_are_accepted(string tableName, string? schemaName)
    {
        using var services = Build(o => (o.TableName, o.SchemaName) = (tableName, schemaName));

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<PostgreSqlSessionRecordStore>(services.GetRequiredService<ISessionRecordStore>());
    }

    [Fact]
    public void Startup_validation_rejects_an_unsafe_table_name()
    {
        using var services = Build(o => o.TableName = "x; drop");

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(exception.Failures, failure => failure.Contains("'x; drop'", StringComparison.Ordinal));
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<ISessionRecordStore>());
    }

    [Fact]
    public void A_malformed_connection_string_is_rejected()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Create(o => o.ConnectionString = "Host=x;Bogus Keyword=1"));

        Assert.Contains(exception.Failures, failure => failure.Contains("ConnectionString", StringComparison.Ordinal));
    }

    [Fact]
    public void A_store_of_its_own_needs_a_connection_string()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Create(o => o.ConnectionString = null));

        Assert.Contains(exception.Failures, failure => failure.Contains("ConnectionString", StringComparison.Ordinal));
    }

    [Fact]
    public void Add_postgresql_store_registers_the_postgresql_store_as_the_session_store()
    {
        using var services = Build();

        var store = services.GetRequiredService<ISessionRecordStore>();

        Assert.IsType<PostgreSqlSessionRecordStore>(store);
        Assert.Same(store, services.GetRequiredService<ISessionRecordStore>());
        Assert.Equal(ConnectionString, services.GetRequiredService<IOptions<PostgreSqlSessionRecordStoreOptions>>().Value.ConnectionString);
    }

    [Fact]
    public void Add_postgresql_store_requires_a_connection_string()
    {
        var builder = new ServiceCollection().AddTypedSessions();

        Assert.Throws<ArgumentException>(() => builder.AddPostgreSqlStore(" "));
    }

    [Fact]
    public void Add_postgresql_store_without_a_connection_string_needs_a_data_source_in_di()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTypedSessions().AddPostgreSqlStore();
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ISessionRecordStore>());

        Assert.Contains("NpgsqlDataSource", exception.Message, StringComparison.Ordinal);
    }

    private static PostgreSqlSessionRecordStore Create(Action<PostgreSqlSessionRecordStoreOptions> configure)
    {
        var options = new PostgreSqlSessionRecordStoreOptions { ConnectionString = ConnectionString };
        configure(options);
        return new PostgreSqlSessionRecordStore(Options.Create(options), TimeProvider.System, loggerFactory: null);
    }

    private static ServiceProvider Build(Action<PostgreSqlSessionRecordStoreOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTypedSessions().AddPostgreSqlStore(ConnectionString, configure);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
