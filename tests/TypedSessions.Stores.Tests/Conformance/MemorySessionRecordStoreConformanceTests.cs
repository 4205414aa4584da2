using TypedSessions.Stores;

namespace TypedSessions.Stores.Tests.Conformance;

/// <summary>The reference store against the contract.</summary>
public sealed class MemorySessionRecordStoreConformanceTests : SessionRecordStoreConformanceTests
{
    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider) => new MemorySessionRecordStore(timeProvider);
}
