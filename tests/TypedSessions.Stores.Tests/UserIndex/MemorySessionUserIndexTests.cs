namespace TypedSessions.Stores.Tests.UserIndex;

/// <summary>The memory store's index of users against the contract.</summary>
public sealed class MemorySessionUserIndexTests : SessionUserIndexConformanceTests
{
    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider) => new MemorySessionRecordStore(timeProvider);
}
