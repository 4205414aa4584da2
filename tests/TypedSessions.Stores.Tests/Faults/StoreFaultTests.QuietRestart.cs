using TypedSessions.Stores.Tests.EndToEnd;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>
/// A store that restarts while the app is idle: nothing notices until the next session request, which may meet a
/// pooled connection to the old server. It answers a documented 503 or 200, never 500, and the app serves sessions again.
/// </summary>
public abstract partial class StoreFaultTests
{
    private const int IdleSessions = 4;

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task After_a_restart_while_the_app_was_idle_the_next_session_requests_answer_503_or_200_never_500(bool withCookie)
    {
        var app = await StartAppAsync();

        // Sessions made at once, so that the app holds several connections, idle when the store goes away.
        var cookies = await Task.WhenAll(Enumerable.Range(0, IdleSessions).Select(async _ =>
        {
            await using var connection = await app.ConnectAsync(ReadTimeout);
            return SessionCookieOf(await SendOkAsync(connection, "POST", "/count"));
        }));

        await _server.StopAsync();
        await _server.RestartAsync();

        // With a cookie the load meets the store first; without one, the save (a create) does. Until served, bounded.
        await using var client = await app.ConnectAsync(ReadTimeout);
        var responses = new List<RawHttpResponse>();
        var deadline = DateTime.UtcNow + RecoveryTimeout;
        do
        {
            var cookie = withCookie ? cookies[responses.Count % cookies.Length] : null;
            responses.Add(await client.SendAsync("POST", "/count", cookie is null ? null : [("Cookie", cookie)]));
            await client.AssertNoStrayBytesAsync(TimeSpan.Zero);
        }
        while (responses[^1].StatusCode != 200 && DateTime.UtcNow < deadline && await DelayAsync(TimeSpan.FromMilliseconds(50)));

        var failed = responses.SkipLast(1).ToList();
        Report($"restarted while idle, {(withCookie ? "loading" : "creating")} first: {failed.Count} failed " +
            $"({string.Join(", ", failed.Select(response => response.StatusCode).Distinct())}; first in {Ms(responses[0].Elapsed)}, " +
            $"'{responses[0].BodyText}'), then {responses[^1].StatusCode} in {Ms(responses[^1].Elapsed)}, " +
            $"{(DateTime.UtcNow - (deadline - RecoveryTimeout)).TotalSeconds:0.0} s after the restart");
        Assert.All(failed, response => OutageResponses.AssertDocumented503(response));
        var served = responses[^1];
        Assert.True(served.StatusCode == 200, $"Not served again within {RecoveryTimeout.TotalSeconds} s:\n{served}\n{served.BodyText}");
        if (withCookie && CommittedDataSurvivesRestart)
        {
            // The session outlived the restart: its count goes on from 1.
            Assert.Equal("2", served.BodyText);
        }

        await AssertNextResponseStartsCleanlyAsync(client);
    }

    private static async Task<bool> DelayAsync(TimeSpan delay)
    {
        await Task.Delay(delay);
        return true;
    }
}
