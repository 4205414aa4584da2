using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSessions.LoadApp;

namespace TypedSessions.Benchmarks.Requests;

/// <summary>
/// The load app (<see cref="LoadAppSetup"/>) in one configuration, hosted on <see cref="InProcessServer"/>, with one
/// connection whose session was seeded and whose cookie every request sends back, as a browser would.
/// </summary>
internal sealed class InProcessApp(WebApplication app, InProcessConnection connection, string? cookie) : IAsyncDisposable
{
    public static async Task<InProcessApp> StartAsync(LoadSessions sessions)
    {
        var options = new LoadAppOptions { Sessions = sessions, Store = LoadStore.Memory };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IServer, InProcessServer>();
        LoadAppSetup.ConfigureServices(builder.Services, options);
        var app = builder.Build();
        LoadAppSetup.Configure(app, options);
        await app.StartAsync();

        var connection = ((InProcessServer)app.Services.GetRequiredService<IServer>()).Connect();
        var seeded = await connection.SendAsync("POST", "/seed", cookie: null);
        if (seeded != 200)
        {
            throw new InvalidOperationException($"POST /seed answered {seeded} on {options.Describe()}.");
        }

        var cookie = connection.SetCookies.Select(static header => header.Split(';')[0]).SingleOrDefault();
        if (sessions != LoadSessions.None && cookie is null)
        {
            throw new InvalidOperationException($"POST /seed set no session cookie on {options.Describe()}.");
        }

        var started = new InProcessApp(app, connection, cookie);
        foreach (var (method, path) in new[] { ("GET", "/plain"), ("GET", "/read"), ("POST", "/write"), ("POST", "/list") })
        {
            var status = await started.SendAsync(method, path);
            if (status != 200 || connection.ResponseLength == 0)
            {
                throw new InvalidOperationException($"{method} {path} answered {status} with {connection.ResponseLength} bytes on {options.Describe()}.");
            }
        }

        return started;
    }

    /// <summary>One request on the seeded session; the status code.</summary>
    public Task<int> SendAsync(string method, string path) => connection.SendAsync(method, path, cookie);

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
