using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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

    /// <summary>The session options the running shop was configured with (its <c>appsettings.json</c>).</summary>
    public TypedSessionsOptions SessionOptions => _factory.Services.GetRequiredService<IOptions<TypedSessionsOptions>>().Value;

    /// <summary>The SQLite file the shop stores its sessions in.</summary>
    public string DatabasePath => _factory.DatabasePath;

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
