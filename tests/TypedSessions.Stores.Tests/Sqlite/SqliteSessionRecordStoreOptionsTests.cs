using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Sqlite;

namespace TypedSessions.Stores.Tests.Sqlite;

/// <summary>Options are checked at startup; the table name, spliced into SQL, must be a plain identifier.</summary>
public sealed class SqliteSessionRecordStoreOptionsTests
{
    private const string FileConnectionString = "Data Source=never-opened.db";

    public static TheoryData<string> UnsafeTableNames =>
    [
        "x; drop",
        "x; DROP TABLE users; --",
        "",
        " ",
        "1sessions",
        "typed-sessions",
        "typed sessions",
        "\"typed_sessions\"",
        "typed_sessions\n",
        "sessions\0",
        "séssions",
        "sqlite_sessions",
        new string('a', 65),
    ];

    [Fact]
    public void Defaults_are_the_typed_sessions_table_and_a_five_second_busy_timeout()
    {
        var options = new SqliteSessionRecordStoreOptions();

        Assert.Equal("typed_sessions", options.TableName);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BusyTimeout);
    }

    [Theory]
    [MemberData(nameof(UnsafeTableNames))]
    public void Store_rejects_an_unsafe_table_name(string tableName)
    {
        var options = new SqliteSessionRecordStoreOptions { ConnectionString = FileConnectionString, TableName = tableName };

        var exception = Assert.Throws<OptionsValidationException>(() => new SqliteSessionRecordStore(Options.Create(options), TimeProvider.System));

        Assert.Contains(exception.Failures, failure => failure.Contains("TableName", StringComparison.Ordinal));
    }

    [Fact]
    public void Startup_validation_rejects_an_unsafe_table_name()
    {
        using var services = SqliteTestHost.Build(FileConnectionString, configure: o => o.TableName = "x; drop");

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(exception.Failures, failure => failure.Contains("'x; drop'", StringComparison.Ordinal));
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<ISessionRecordStore>());
    }

    [Theory]
    [InlineData("typed_sessions")]
    [InlineData("_sessions")]
    [InlineData("AppSessions2")]
    public void Plain_identifiers_are_accepted(string tableName)
    {
        using var services = SqliteTestHost.Build(FileConnectionString, configure: o => o.TableName = tableName);

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<SqliteSessionRecordStore>(services.GetRequiredService<ISessionRecordStore>());
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=sessions;Mode=Memory")]
    [InlineData("Data Source=")]
    public void Private_in_memory_databases_are_rejected(string connectionString)
    {
        var options = new SqliteSessionRecordStoreOptions { ConnectionString = connectionString };

        var exception = Assert.Throws<OptionsValidationException>(() => new SqliteSessionRecordStore(Options.Create(options), TimeProvider.System));

        Assert.Contains(exception.Failures, failure => failure.Contains("in-memory", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Data Source=sessions;Mode=Memory;Cache=Shared")]
    [InlineData("Data Source=sessions.db")]
    public void File_and_shared_in_memory_databases_are_accepted(string connectionString)
    {
        var options = new SqliteSessionRecordStoreOptions { ConnectionString = connectionString };

        Assert.NotNull(new SqliteSessionRecordStore(Options.Create(options), TimeProvider.System));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Data Source=x;Bogus Keyword=1")]
    public void Missing_or_malformed_connection_strings_are_rejected(string connectionString)
    {
        var options = new SqliteSessionRecordStoreOptions { ConnectionString = connectionString };

        var exception = Assert.Throws<OptionsValidationException>(() => new SqliteSessionRecordStore(Options.Create(options), TimeProvider.System));

        Assert.Contains(exception.Failures, failure => failure.Contains("ConnectionString", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Busy_timeout_must_be_positive(int milliseconds)
    {
        var options = new SqliteSessionRecordStoreOptions { ConnectionString = FileConnectionString, BusyTimeout = TimeSpan.FromMilliseconds(milliseconds) };

        var exception = Assert.Throws<OptionsValidationException>(() => new SqliteSessionRecordStore(Options.Create(options), TimeProvider.System));

        Assert.Contains(exception.Failures, failure => failure.Contains("BusyTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Add_sqlite_store_registers_the_sqlite_store_as_the_session_store()
    {
        using var services = SqliteTestHost.Build(FileConnectionString, new FakeTimeProvider());

        var store = services.GetRequiredService<ISessionRecordStore>();

        Assert.IsType<SqliteSessionRecordStore>(store);
        Assert.Same(store, services.GetRequiredService<ISessionRecordStore>());
        Assert.Equal(FileConnectionString, services.GetRequiredService<IOptions<SqliteSessionRecordStoreOptions>>().Value.ConnectionString);
    }

    [Fact]
    public void Add_sqlite_store_requires_a_connection_string()
    {
        var builder = new ServiceCollection().AddTypedSessions();

        Assert.Throws<ArgumentException>(() => builder.AddSqliteStore(" "));
    }
}
