using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Authentication;

/// <summary>Session.UserId outside a request: saved with the session, moved by updates, cleared by a flush.</summary>
public sealed class SessionUserIdTests
{
    [Fact]
    public async Task A_user_set_on_a_stored_session_is_saved_by_an_update_that_carries_it()
    {
        await using var services = new SessionServices();
        var session = await services.Manager.CreateAsync();
        services.Store.Reset();

        session.SetUserId("alice");
        Assert.True(session.IsModified);
        await session.SaveAsync();

        Assert.Equal(["Update"], services.Store.Writes);
        var update = services.Store.LastUpdate!;
        Assert.True(update.UserIdChanged);
        Assert.Equal("alice", update.UserId);
        Assert.Equal("alice", (await services.Manager.OpenAsync(session.Key)).UserId);
    }

    [Fact]
    public async Task An_unchanged_user_is_not_written_again()
    {
        await using var services = new SessionServices();
        var session = await services.Manager.OpenAsync(null);
        session.SetUserId("alice");
        await session.SaveAsync();
        var reopened = await services.Manager.OpenAsync(session.Key);
        services.Store.Reset();

        reopened.SetUserId("alice");
        reopened.Set("a", 1);
        await reopened.SaveAsync();

        Assert.Equal(["Update"], services.Store.Writes);
        Assert.False(services.Store.LastUpdate!.UserIdChanged);
    }

    [Fact]
    public async Task A_session_with_only_a_user_is_not_empty_and_is_created()
    {
        await using var services = new SessionServices();
        var session = await services.Manager.OpenAsync(null);

        session.SetUserId("alice");

        Assert.False(session.IsEmpty);
        await session.SaveAsync();
        Assert.NotNull(session.Key);
        Assert.Equal("alice", (await services.Manager.OpenAsync(session.Key)).UserId);
    }

    [Fact]
    public async Task A_flush_forgets_the_user()
    {
        await using var services = new SessionServices();
        var session = await services.Manager.OpenAsync(null);
        session.SetUserId("alice");
        await session.SaveAsync();

        await session.FlushAsync();

        Assert.Null(session.UserId);
        Assert.True(session.IsEmpty);
    }

    [Fact]
    public async Task Setting_the_user_of_an_unloaded_session_throws_and_changes_nothing()
    {
        await using var services = new SessionServices();
        var engine = services.Provider.GetService(typeof(Engine.SessionEngine)) as Engine.SessionEngine;
        var unloaded = engine!.CreateUnloaded(null);

        Assert.Throws<InvalidOperationException>(() => unloaded.SetUserId("alice"));
        await unloaded.LoadAsync(CancellationToken.None);
        Assert.Null(unloaded.UserId);
    }
}
