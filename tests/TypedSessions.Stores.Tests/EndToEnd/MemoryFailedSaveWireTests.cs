namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>A failed save on the wire, on the reference store.</summary>
public sealed class MemoryFailedSaveWireTests : FailedSaveWireTests
{
    protected override void AddStore(TypedSessionsBuilder builder) => builder.AddMemoryStore();
}
