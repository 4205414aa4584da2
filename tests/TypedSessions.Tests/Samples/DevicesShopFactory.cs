using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions.Tests.Samples;

/// <summary>
/// The sample shop for "Your devices", which needs a store that lists a user's sessions (<c>ISessionUserIndex</c>): its
/// sessions are kept in the memory store, which does. Everything else is as <see cref="ShopFactory"/> sets it up.
/// </summary>
public sealed class DevicesShopFactory : ShopFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(static services => services.AddTypedSessions().AddMemoryStore());
    }
}
