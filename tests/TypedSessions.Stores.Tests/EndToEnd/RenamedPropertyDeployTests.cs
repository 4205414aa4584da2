using System.Net;
using System.Net.Http.Json;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// A deploy that renames a session property (<c>Items</c> to <c>Lines</c>, with <see cref="FormerSessionKeyAttribute"/>)
/// over one store: sessions the first deployment wrote keep their value in the next; a request that only reads leaves
/// the stored record as it was, and the first request that saves moves the value to the new key in its one write. A
/// store's subclass registers it in <see cref="AddStore"/>, the same place for both deployments.
/// </summary>
public abstract class RenamedPropertyDeployTests
{
    /// <summary>Registers the store under test (and skips the test, by throwing, when its server is unavailable).</summary>
    protected abstract void AddStore(TypedSessionsBuilder builder);

    [SkippableFact]
    public async Task The_next_deployment_reads_the_renamed_value_without_writing_and_moves_it_with_the_first_save()
    {
        string cookie;
        await using (var first = await SessionTestApp.StartAsync(AddStore, mapEndpoints: CartDeployments.MapFirst))
        {
            cookie = await first.StartSessionAsync();
            await SendAsync(first, HttpMethod.Post, "/items/tea", cookie);
            await SendAsync(first, HttpMethod.Post, "/items/milk", cookie);
        }

        await using var next = await SessionTestApp.StartAsync(AddStore, mapEndpoints: CartDeployments.MapNext);
        var written = await next.StoredRecordAsync(cookie);
        Assert.Equal(["tea", "milk"], await SendAsync(next, HttpMethod.Get, "/lines", cookie));

        // Only read: the record is the one the first deployment wrote, former key and all.
        var afterRead = await next.StoredRecordAsync(cookie);
        Assert.Equal(written.Values.OrderBy(pair => pair.Key, StringComparer.Ordinal), afterRead.Values.OrderBy(pair => pair.Key, StringComparer.Ordinal));
        Assert.Equal(written.LastSavedAt, afterRead.LastSavedAt);
        Assert.Contains("Cart.Items", afterRead.Values.Keys);

        Assert.Equal(["tea", "milk"], await SendAsync(next, HttpMethod.Post, "/note/gift", cookie));

        var afterSave = await next.StoredRecordAsync(cookie);
        Assert.DoesNotContain("Cart.Items", afterSave.Values.Keys);
        Assert.Equal(["tea", "milk"], System.Text.Json.JsonSerializer.Deserialize<List<string>>(afterSave.Values["Cart.Lines"]));
        Assert.Equal("\"gift\"", afterSave.Values["Cart.Note"]);
        Assert.Equal(["tea", "milk"], await SendAsync(next, HttpMethod.Get, "/lines", cookie));
    }

    // A request that must succeed; its body, when it has one, is the cart's lines.
    private static async Task<List<string>?> SendAsync(SessionTestApp app, HttpMethod method, string path, string cookie)
    {
        using var response = await app.SendAsync(method, path, cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Content.Headers.ContentLength == 0 ? null : await response.Content.ReadFromJsonAsync<List<string>>();
    }
}
