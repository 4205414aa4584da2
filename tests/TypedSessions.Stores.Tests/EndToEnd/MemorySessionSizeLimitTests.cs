namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>The size limit on the reference store.</summary>
public sealed class MemorySessionSizeLimitTests : SessionSizeLimitTests
{
    protected override void AddStore(TypedSessionsBuilder builder) => builder.AddMemoryStore();
}
