using Microsoft.Extensions.DependencyInjection;
using static TypedSessions.Tests.Infrastructure.ResponseHeaders;

namespace TypedSessions.Tests.Http;

/// <summary>Duplicate session cookies on a server-side store, with the store reads they cost.</summary>
public sealed class MemoryStoreDuplicateSessionCookieTests : DuplicateSessionCookieTests
{
    protected override string NeverIssuedKey => "neverissued0123456789abcdefghijk";

    protected override void AddStore(IServiceCollection services)
    {
    }

    [Fact]
    public async Task At_most_four_cookies_are_looked_up_however_many_are_sent()
    {
        var users = await SignInAsync("ada");
        var planted = Enumerable.Range(0, 10).Select(i => $"sessionid=planted{i:D2}0123456789abcdefghijklm").ToList();
        Server.Store.Reset();

        var read = await Server.GetAsync("/read", string.Join("; ", [.. planted, $"sessionid={users}"]));

        Assert.Equal(Enumerable.Repeat("Load", 4), Server.Store.Calls);
        Assert.Equal("none", await read.Content.ReadAsStringAsync());
        Assert.Equal([DeletedCookie], read.SetCookies());
    }

    [Fact]
    public async Task Repeats_of_one_value_and_malformed_values_cost_no_extra_reads()
    {
        var users = await SignInAsync("ada");
        Server.Store.Reset();

        var read = await Server.GetAsync("/read", $"sessionid={NeverIssuedKey}; sessionid=x; sessionid={NeverIssuedKey}; sessionid=; sessionid={users}");

        Assert.Equal("ada", await read.Content.ReadAsStringAsync());
        Assert.Equal(["Load", "Load"], Server.Store.Calls);
    }

    [Fact]
    public async Task The_first_live_session_wins_so_only_the_Host_prefix_stops_a_planted_live_session_listed_first()
    {
        // A sibling subdomain can plant its own live session with a longer Path, which browsers list first. No server can
        // tell it from the user's; a __Host- cookie cannot be set from another subdomain at all.
        var users = await SignInAsync("ada");
        var attackers = await SignInAsync("mallory");

        var read = await Server.GetAsync("/read", $"sessionid={attackers}; sessionid={users}");

        Assert.Equal("mallory", await read.Content.ReadAsStringAsync());
    }
}
