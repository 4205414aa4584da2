using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Engine;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Sessions;

/// <summary>
/// The device a record names (its user agent and client address) is the one that created the session: a key cycle
/// requested from another device, without a sign-in, moves the session with its original device and creation time.
/// </summary>
public sealed class RecordOriginTests : IAsyncLifetime
{
    private const string Laptop = "Laptop/1.0";
    private const string LaptopAddress = "203.0.113.7";
    private const string Phone = "Phone/2.0";
    private const string PhoneAddress = "198.51.100.9";

    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(
        app =>
        {
            // Where a forwarded-headers middleware would put the client's address, before the sessions middleware.
            app.Use(async (context, next) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers["X-Client-Address"].ToString());
                await next(context);
            });
            app.UseTypedSessions();
            app.MapPost("/cart", async (HttpContext context) => (await context.GetSessionAsync()).Set("cart", "tea"));
            app.MapPost("/cycle", async (HttpContext context) =>
            {
                var session = await context.GetSessionAsync();
                session.Set("cart", "milk");
                await session.CycleKeyAsync();
            });
        },
        useMiddleware: false);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_key_cycled_from_another_device_keeps_the_device_and_creation_time_that_created_the_session()
    {
        var created = (await SendAsync("/cart", Laptop, LaptopAddress, cookie: null)).SessionKey();
        _server.Time.Advance(TimeSpan.FromHours(1));

        var cycled = (await SendAsync("/cycle", Phone, PhoneAddress, $"sessionid={created}")).SessionKey();

        Assert.NotEqual(created, cycled);
        var record = await _server.Store.LoadRecordAsync(SessionKeys.ToRecordId(cycled));
        Assert.Equal(Laptop, record!.UserAgent);
        Assert.Equal(LaptopAddress, record.RemoteAddress);
        Assert.Equal(SessionServices.Start, record.CreatedAt);
        Assert.Equal(SessionServices.Start.AddHours(1), record.LastSavedAt);
        Assert.Equal("\"milk\"", record.Values["cart"]);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string userAgent, string address, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.UserAgent.ParseAdd(userAgent);
        request.Headers.Add("X-Client-Address", address);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}
