using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions.Tests.Http;

/// <summary>Hostile session cookies on a server-side store (the recording memory store), with the store calls they cost.</summary>
public sealed class MemoryStoreHostileCookieTests : HostileCookieTests
{
    protected override string NeverIssuedKey => "neverissued0123456789abcdefghijk";

    protected override string TenKilobyteValue => new('a', 10 * 1024);

    protected override void AddStore(IServiceCollection services)
    {
    }

    [Theory]
    [InlineData("sessionid=")]
    [InlineData("sessionid=ключ-сессии")]
    [InlineData("sessionid=neverissued0123456789abcdefghi\u0001\u007f")]
    public async Task Malformed_value_costs_no_store_call(string cookieHeader)
    {
        await Server.GetAsync("/read", cookieHeader);
        await Server.GetAsync("/write", cookieHeader);
        Assert.Equal(["Create"], Server.Store.Calls);
    }

    [Fact]
    public async Task Never_issued_key_costs_one_load_and_is_never_written()
    {
        await Server.GetAsync("/read", $"sessionid={NeverIssuedKey}");
        Assert.Equal(["Load"], Server.Store.Calls);
        Assert.Null(await Server.Manager.DecodeAsync(NeverIssuedKey));
    }
}
