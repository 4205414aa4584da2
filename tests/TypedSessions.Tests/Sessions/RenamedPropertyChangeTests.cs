using TypedSessions.Tests.Infrastructure;
using TypedSessions.Tests.Typed;

namespace TypedSessions.Tests.Sessions;

/// <summary>
/// Values read through renamed properties (<see cref="FormerSessionKeyAttribute"/>) and then changed are changes like
/// any other, however many of them one request changes: each is saved under its new key.
/// </summary>
public sealed class RenamedPropertyChangeTests : IAsyncLifetime
{
    private readonly SessionServices _services = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Two_renamed_properties_changed_in_one_request_are_both_saved_under_their_new_keys()
    {
        var seeded = await _services.Manager.OpenAsync(null);
        seeded.Set("Cart.Items", new List<string> { "tea" });
        seeded.Set("Cart.Count", 1);
        await seeded.SaveAsync();
        var session = await _services.Manager.OpenAsync(seeded.Key);
        var cart = session.GetState<RenamedCart>();

        cart.Lines.Add("milk");
        cart.Quantity += 1;

        Assert.True(session.IsModified);
        _services.Store.Reset();
        await session.SaveAsync();
        Assert.Equal(["Update"], _services.Store.Writes);
        var stored = await _services.Manager.DecodeAsync(session.Key!);
        Assert.Equal(["Cart.Lines", "Cart.Quantity"], stored!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("""["tea","milk"]""", stored["Cart.Lines"].GetRawText());
        Assert.Equal("2", stored["Cart.Quantity"].GetRawText());
    }
}
