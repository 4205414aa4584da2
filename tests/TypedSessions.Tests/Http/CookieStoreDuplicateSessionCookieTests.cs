using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions.Tests.Http;

/// <summary>Duplicate session cookies on the cookie store: a cookie this app did not seal, or one that has expired, is skipped.</summary>
public sealed class CookieStoreDuplicateSessionCookieTests : DuplicateSessionCookieTests
{
    protected override string NeverIssuedKey { get; } = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(120));

    protected override void AddStore(IServiceCollection services) => services.AddTypedSessions().AddCookieStore();

    [Fact]
    public async Task Tampered_copy_of_the_users_cookie_listed_first_is_skipped()
    {
        var users = await SignInAsync("ada");
        var tampered = users[..20] + (users[20] == 'A' ? 'B' : 'A') + users[21..];

        var read = await Server.GetAsync("/read", $"sessionid={tampered}; sessionid={users}");

        Assert.Equal("ada", await read.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Expired_cookie_listed_first_is_skipped()
    {
        var old = await SignInAsync("old");
        Server.Time.Advance(TypedSessionsOptions.DefaultLifetime + TimeSpan.FromSeconds(1));
        var current = await SignInAsync("ada");

        var read = await Server.GetAsync("/read", $"sessionid={old}; sessionid={current}");

        Assert.Equal("ada", await read.Content.ReadAsStringAsync());
    }
}
