using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions.Tests.Http;

/// <summary>Hostile session cookies on the cookie store: a base64url value this app never sealed opens to nothing.</summary>
public sealed class CookieStoreHostileCookieTests : HostileCookieTests
{
    protected override string NeverIssuedKey { get; } = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(120));

    // Over the 4,096 bytes a browser keeps, so never opened at all.
    protected override string TenKilobyteValue { get; } = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(7_680));

    protected override void AddStore(IServiceCollection services) => services.AddTypedSessions().AddCookieStore();
}
