using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores;

namespace TypedSessions.Tests.Infrastructure;

/// <summary>A service provider with TypedSessions over a recording store, a fake clock and captured logs.</summary>
public sealed class SessionServices : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    public SessionServices(Func<IServiceProvider, ISessionRecordStore>? store = null, Action<TypedSessionsOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(Logs)));
        services.AddTypedSessions(configure).UseStore(provider => new RecordingStore(
            store?.Invoke(provider) ?? new MemorySessionRecordStore(provider.GetRequiredService<TimeProvider>())));
        _provider = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public FakeLogCollector Logs { get; } = new();

    public IServiceProvider Provider => _provider;

    public ISessionManager Manager => _provider.GetRequiredService<ISessionManager>();

    public RecordingStore Store => (RecordingStore)_provider.GetRequiredService<ISessionRecordStore>();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
