using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>
/// The cookie store on two instances: the session lives in the cookie, sealed with Data Protection, so what decides
/// whether one instance reads another's cookie is the key ring. With one key ring (a shared folder, one application
/// name) a cookie sealed by either instance opens on the other; with different key rings, or the same ring under
/// another application name, the other instance reads an empty session, says why in its log, and never answers 500.
/// </summary>
public sealed class CookieStoreKeyRingTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly DirectoryInfo _otherKeyRing = Directory.CreateTempSubdirectory("typedsessions-other-keyring-");
    private AppInstances? _instances;

    [Fact]
    public async Task A_cookie_sealed_on_one_instance_opens_on_the_other_when_they_share_a_key_ring_folder()
    {
        var instances = await StartAsync();
        using var browser = instances.NewBrowser();

        var read = await CookieStoreKeyRing.WriteOnEachReadOnTheOtherAsync(browser);

        Assert.Equal([["a"], ["a", "b"]], read);
        Assert.All(instances.Logs, logs => Assert.DoesNotContain(logs.GetSnapshot(), log => log.Id.Name == CookieStoreKeyRing.UnsealedEvent));
        output.WriteLine("MultiInstance | Cookie (key ring in a shared folder) | cookie read across instances | 2/2 cookies (one sealed on each instance) read on the other");
    }

    [Fact]
    public async Task With_different_key_rings_the_other_instance_reads_an_empty_session_logs_why_and_never_answers_500()
    {
        var instances = await StartAsync((services, instance) =>
        {
            if (instance == 1)
            {
                services.AddDataProtection().PersistKeysToFileSystem(_otherKeyRing);
            }
        });

        await CookieStoreKeyRing.AssertUnreadableOnTheOtherAsync(instances);
        output.WriteLine("MultiInstance | Cookie (different key ring folders) | cookie unreadable on the other instance | empty session, 200 not 500, 1 UnsealedSessionCookie warning");
    }

    [Fact]
    public async Task With_the_same_key_ring_under_another_application_name_the_other_instance_reads_an_empty_session_logs_why_and_never_answers_500()
    {
        var instances = await StartAsync((services, instance) =>
        {
            if (instance == 1)
            {
                services.AddDataProtection().SetApplicationName(AppInstances.ApplicationName + ".Other");
            }
        });

        await CookieStoreKeyRing.AssertUnreadableOnTheOtherAsync(instances);
        output.WriteLine("MultiInstance | Cookie (one folder, another application name) | cookie unreadable on the other instance | empty session, 200 not 500, 1 UnsealedSessionCookie warning");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_instances is not null)
        {
            await _instances.DisposeAsync();
        }

        _otherKeyRing.Delete(recursive: true);
    }

    private async Task<AppInstances> StartAsync(Action<IServiceCollection, int>? configureServices = null)
        => _instances = await AppInstances.StartAsync(2, (sessions, _) => sessions.AddCookieStore(), configureServices: configureServices);
}
