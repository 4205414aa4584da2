namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>The reference store, end to end.</summary>
public sealed class MemoryNoLostUpdatesTests : NoLostUpdatesTests
{
    protected override void AddStore(TypedSessionsBuilder builder) => builder.AddMemoryStore();
}
