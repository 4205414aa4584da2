using TypedSessions.Stores.Cached;

namespace TypedSessions.Stores.Tests.UserIndex;

/// <summary>The cached store lists and revokes through its durable store's index: a memory cache in front of a memory store.</summary>
public sealed class CachedMemorySessionUserIndexTests : SessionUserIndexConformanceTests
{
    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider)
        => new CachedSessionRecordStore(new MemorySessionRecordStore(timeProvider), new MemorySessionRecordStore(timeProvider));
}
