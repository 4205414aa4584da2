using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TypedSessions.Tests.Startup;

/// <summary>Misconfiguration fails at startup with a message that says what to do.</summary>
public sealed class RegistrationTests
{
    private static WebApplicationBuilder NewBuilder()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        return builder;
    }

    [Fact]
    public async Task UseTypedSessions_without_AddTypedSessions_says_to_register_it()
    {
        await using var app = NewBuilder().Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.UseTypedSessions());
        Assert.Contains("AddTypedSessions()", error.Message);
    }

    [Fact]
    public async Task UseTypedSessions_without_a_store_says_to_choose_one()
    {
        var builder = NewBuilder();
        builder.Services.AddTypedSessions();
        await using var app = builder.Build();
        var error = Assert.Throws<InvalidOperationException>(() => app.UseTypedSessions());
        Assert.Contains("AddSqliteStore", error.Message);
    }

    [Fact]
    public async Task Non_positive_lifetime_fails_at_startup()
    {
        var error = await StartupFailureAsync(options => options.Lifetime = TimeSpan.Zero);
        Assert.Contains("Lifetime must be positive", error.Message);
    }

    [Theory]
    [InlineData(0, "StoreTimeout must be positive")]
    [InlineData(-1, "StoreTimeout must be positive")]
    public async Task Non_positive_store_timeout_fails_at_startup(int milliseconds, string message)
    {
        var error = await StartupFailureAsync(options => options.StoreTimeout = TimeSpan.FromMilliseconds(milliseconds));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Non_positive_purge_interval_fails_at_startup(int seconds)
    {
        var error = await StartupFailureAsync(options => options.PurgeInterval = TimeSpan.FromSeconds(seconds));
        Assert.Contains("PurgeInterval must be positive", error.Message);
    }

    [Fact]
    public async Task Null_purge_interval_starts()
    {
        var builder = NewBuilder();
        builder.Services.AddTypedSessions(options => options.PurgeInterval = null).AddMemoryStore();
        await using var app = builder.Build();
        app.UseTypedSessions();
        await app.StartAsync();
        Assert.Null(app.Services.GetRequiredService<IOptions<TypedSessionsOptions>>().Value.PurgeInterval);
    }

    [Fact]
    public async Task Non_positive_max_session_size_fails_at_startup()
    {
        var error = await StartupFailureAsync(options => options.MaxSessionSize = 0);
        Assert.Contains("MaxSessionSize must be positive, or null for no limit", error.Message);
    }

    [Fact]
    public async Task A_lifetime_past_the_longest_expiry_a_session_can_hold_fails_at_startup()
    {
        var error = await StartupFailureAsync(options => options.Lifetime = TimeSpan.MaxValue);
        Assert.Contains("TypedSessionsOptions.Lifetime must be positive and at most 36525 days (Session.MaxExpiryAge)", error.Message);
    }

    [Fact]
    public async Task An_absolute_lifetime_that_is_not_positive_fails_at_startup()
    {
        var error = await StartupFailureAsync(options => options.AbsoluteLifetime = TimeSpan.Zero);
        Assert.Contains("TypedSessionsOptions.AbsoluteLifetime must be positive, or null for no limit; it is 00:00:00.", error.Message);
    }

    [Fact]
    public void Defaults_are_filled_in_when_options_are_built_not_by_a_service()
    {
        var services = new ServiceCollection();
        services.AddTypedSessions().AddMemoryStore();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<TypedSessionsOptions>>().Value;

        Assert.NotNull(options.JsonSerializerOptions.TypeInfoResolver);
        Assert.Equal(TimeSpan.FromSeconds(5), options.StoreTimeout);
        Assert.Equal(1024 * 1024, options.MaxSessionSize);
    }

    [Fact]
    public void Last_registered_store_wins()
    {
        var services = new ServiceCollection();
        var custom = new Stores.MemorySessionRecordStore(TimeProvider.System);
        services.AddTypedSessions().AddMemoryStore().UseStore(_ => custom);
        using var provider = services.BuildServiceProvider();
        Assert.Same(custom, provider.GetRequiredService<Stores.ISessionRecordStore>());
    }

    private static async Task<OptionsValidationException> StartupFailureAsync(Action<TypedSessionsOptions> configure)
    {
        var builder = NewBuilder();
        builder.Services.AddTypedSessions(configure).AddMemoryStore();
        await using var app = builder.Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            app.UseTypedSessions();
            await app.StartAsync();
        });
    }
}
