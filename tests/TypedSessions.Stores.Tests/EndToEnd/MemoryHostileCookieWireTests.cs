namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>Hostile session cookies on the wire, on a server-side store (the reference memory store).</summary>
public sealed class MemoryHostileCookieWireTests : HostileCookieWireTests
{
    protected override string NeverIssuedKey => "neverissued0123456789abcdefghijk";

    protected override string TenKilobyteValue => new('a', 10 * 1024);

    protected override void AddStore(TypedSessionsBuilder builder) => builder.AddMemoryStore();
}
