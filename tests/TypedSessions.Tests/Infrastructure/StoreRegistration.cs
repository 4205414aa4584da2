using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TypedSessions.Stores;

namespace TypedSessions.Tests.Infrastructure;

public static class StoreRegistration
{
    /// <summary>Replaces the test server's store with <paramref name="store"/>, still recorded.</summary>
    public static void AddSingletonStore(this IServiceCollection services, ISessionRecordStore store)
        => services.Replace(ServiceDescriptor.Singleton<ISessionRecordStore>(new RecordingStore(store)));
}
