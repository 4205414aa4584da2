using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Tests.Samples;

namespace TypedSessions.Tests.Browser;

/// <summary>
/// The sample shop on real Kestrel at a free loopback port, on a throwaway SQLite file, as a browser reaches it; one
/// per test class.
/// </summary>
public sealed class ShopOnKestrel : IAsyncLifetime
{
    private readonly ShopFactory _factory = new();

    /// <summary>The shop's address, such as <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.Single());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
