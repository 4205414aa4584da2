using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using TypedSessions.Stores.Tests.EndToEnd;
using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.UnreadableRecords;

/// <summary>
/// A record whose stored expiry no date can hold, over HTTP on each store: every request with its cookie answers 200
/// and reads an empty session, a write goes to a fresh key, the damaged record is kept, and the corruption is one
/// Warning however many requests carry the cookie (repeats are Debug).
/// </summary>
public abstract class UnreadableRecordTests
{
    /// <summary>Registers the store under test (and skips the test, by throwing, when its server is unavailable).</summary>
    protected abstract void AddStore(TypedSessionsBuilder builder);

    /// <summary>Damages the stored expiry of the record behind <paramref name="recordId"/>, bypassing the store.</summary>
    protected abstract Task MakeExpiryUnreadableAsync(IServiceProvider services, string recordId);

    /// <summary>Whether the store's medium still holds the record, read bypassing the store.</summary>
    protected abstract Task<bool> IsKeptAsync(IServiceProvider services, string recordId);

    [SkippableFact]
    public async Task An_unreadable_expiry_answers_200_reads_empty_writes_to_a_fresh_key_is_kept_and_logged_once()
    {
        await using var app = await SessionTestApp.StartAsync(AddStore, services => services.AddFakeLogging().AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug)));
        var cookie = await app.StartSessionAsync("count", 7);
        var recordId = ExpectedRecordId.For(cookie["sessionid=".Length..]);
        await MakeExpiryUnreadableAsync(app.Services, recordId);

        var reads = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var read = await app.SendAsync(HttpMethod.Get, "/get/count", cookie);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            reads.Add(await read.Content.ReadAsStringAsync());
        }

        using var write = await app.SendAsync(HttpMethod.Post, "/set/count/8", cookie);

        Assert.Equal(["0", "0", "0"], reads);
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        var fresh = Assert.Single(write.Headers.GetValues("Set-Cookie")).Split(';')[0];
        Assert.NotEqual(cookie, fresh);
        Assert.Equal(["count"], await app.KeysAsync(fresh));
        Assert.True(await IsKeptAsync(app.Services, recordId));
        // The app runs as Production, so the deploy checks' Warnings share the category: count this event only.
        var corrupted = app.Services.GetFakeLogCollector().GetSnapshot()
            .Where(log => log.Category == "TypedSessions.Security" && log.Id.Name?.StartsWith("SessionDataCorrupted", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Equal("SessionDataCorrupted", Assert.Single(corrupted, log => log.Level == LogLevel.Warning).Id.Name);
        Assert.Equal(3, corrupted.Count(log => log.Id.Name == "SessionDataCorruptedRepeated" && log.Level == LogLevel.Debug));
    }
}
