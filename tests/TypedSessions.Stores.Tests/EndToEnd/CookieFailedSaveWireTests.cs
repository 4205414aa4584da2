namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>A failed save on the wire, on the cookie store.</summary>
public sealed class CookieFailedSaveWireTests : FailedSaveWireTests
{
    protected override void AddStore(TypedSessionsBuilder builder) => builder.AddCookieStore();
}
