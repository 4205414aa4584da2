using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Engine;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Sessions;

/// <summary>
/// A session's expiry is its data: reading it before the session is loaded throws the same clear error as reading a
/// value, instead of answering with the default lifetime the stored session may not have.
/// </summary>
public sealed class UnloadedSessionExpiryTests
{
    [Fact]
    public async Task Reading_the_expiry_of_a_session_not_loaded_yet_throws_the_not_loaded_error()
    {
        await using var services = new SessionServices();
        var seeded = await services.Manager.OpenAsync(null);
        seeded.SetExpiry(TimeSpan.FromMinutes(10));
        await seeded.SaveAsync();
        var unloaded = services.Provider.GetRequiredService<SessionEngine>().CreateUnloaded(seeded.Key);

        var errors = new[]
        {
            Assert.Throws<InvalidOperationException>(() => unloaded.ExpiryAge),
            Assert.Throws<InvalidOperationException>(() => unloaded.ExpiryDate),
            Assert.Throws<InvalidOperationException>(() => unloaded.ExpiresAtBrowserClose),
        };

        Assert.All(errors, error => Assert.StartsWith("The session has not been loaded. Await HttpContext.GetSessionAsync()", error.Message, StringComparison.Ordinal));
        await unloaded.LoadAsync(CancellationToken.None);
        Assert.Equal(TimeSpan.FromMinutes(10), unloaded.ExpiryAge);
        Assert.Equal(SessionServices.Start.AddMinutes(10), unloaded.ExpiryDate);
        Assert.False(unloaded.ExpiresAtBrowserClose);
    }
}
