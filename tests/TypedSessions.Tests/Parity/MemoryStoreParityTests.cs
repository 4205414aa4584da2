using TypedSessions.Stores;

namespace TypedSessions.Tests.Parity;

/// <summary>Django's session tests against the memory store.</summary>
public sealed class MemoryStoreParityTests : SessionParityTests
{
    protected override Func<IServiceProvider, ISessionRecordStore>? StoreFactory => null;
}
