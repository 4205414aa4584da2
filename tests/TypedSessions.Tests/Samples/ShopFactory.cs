using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TypedSessions.Tests.Samples;

/// <summary>The sample shop on a throwaway SQLite file, as a newcomer would run it.</summary>
public sealed class ShopFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"typedsessions-shop-{Guid.NewGuid():N}.db");

    public ShopBrowser NewBrowser(string? userAgent = null)
        => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false })) { UserAgent = userAgent };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
        => builder.UseSetting("ConnectionStrings:Sessions", $"Data Source={DatabasePath};Pooling=False");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
