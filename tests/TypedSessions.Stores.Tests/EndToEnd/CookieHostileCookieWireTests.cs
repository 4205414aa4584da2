using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>Hostile session cookies on the wire, on the cookie store.</summary>
public sealed class CookieHostileCookieWireTests : HostileCookieWireTests
{
    protected override string NeverIssuedKey { get; } = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(120));

    // Over the 4,096 bytes a browser keeps, so never opened at all.
    protected override string TenKilobyteValue { get; } = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(7_680));

    protected override void AddStore(TypedSessionsBuilder builder) => builder.AddCookieStore();
}
