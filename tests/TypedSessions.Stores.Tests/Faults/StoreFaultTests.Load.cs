using TypedSessions.Stores.Tests.EndToEnd;
using TypedSessions.Stores.Tests.Infrastructure;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>Concurrent clients through a pause and resume, then a stop and restart, of the store, on one app.</summary>
public abstract partial class StoreFaultTests
{
    private const int SessionClients = 8;
    private const int PingClients = 2;

    /// <summary>Healthy load before and after each outage.</summary>
    private static readonly TimeSpan Healthy = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// How long the store stays down at least: longer than any call under way when it went down can last (its timeout,
    /// then the probe of a failed call), so that all of them have failed before it is back. It stays down longer when
    /// finding it down takes longer (see <see cref="WaitUntilTheOutageIsKnownAsync(OutageLog)"/>).
    /// </summary>
    private static readonly TimeSpan OutageDuration = StoreTimeout * 2 + TimeSpan.FromMilliseconds(500);

    [SkippableFact]
    public async Task Under_load_an_outage_answers_200_or_a_documented_503_in_time_recovers_by_itself_and_loses_no_confirmed_save()
    {
        var app = await StartAppAsync();
        var log = new OutageLog(_logs);
        foreach (var fault in new[] { StoreFault.Pause, StoreFault.Stop })
        {
            log.StartWindow();
            var load = OutageLoad.Start(app, SessionClients, PingClients, ReadTimeout);
            TimeSpan down, up, recovered;
            try
            {
                // Every client has a session before the store goes down.
                await Eventually.SucceedsAsync(Check(() => Assert.True(load.EverySessionClientSucceededSince(TimeSpan.Zero))), RecoveryTimeout);
                await Task.Delay(Healthy);
                down = load.Now;
                await _server.BeginAsync(fault);
                await Task.Delay(OutageDuration);
                await WaitUntilTheOutageIsKnownAsync(log);
                await _server.EndAsync(fault);
                up = load.Now;
                await Eventually.SucceedsAsync(
                    Check(() =>
                    {
                        Assert.True(log.StoreRecovered == 1, $"{log.StoreRecovered} StoreRecovered entries in the {fault} window:\n{log.Describe()}");
                        Assert.True(load.EverySessionClientSucceededSince(up), "Not every client has been served since the store came back.");
                    }),
                    RecoveryTimeout);
                recovered = load.Now;
                await Task.Delay(Healthy);
            }
            catch
            {
                await StopQuietlyAsync(load);
                throw;
            }

            await load.StopAsync();
            await AssertOutageWindowAsync(app, fault, load, log, down, up, recovered);
        }
    }

    private async Task AssertOutageWindowAsync(
        KestrelTestApp app, StoreFault fault, OutageLoad load, OutageLog log, TimeSpan down, TimeSpan up, TimeSpan recovered)
    {
        var responses = load.AllSessionResponses;
        var pings = load.PingResponses;
        var histories = Enumerable.Range(0, load.SessionClients).Select(client => CounterHistory.Of(load.SessionResponsesOf(client))).ToList();
        var stored = new List<int>();
        foreach (var history in histories)
        {
            stored.Add(history.FinalCookie is null ? 0 : await ReadCountAsync(app, history.FinalCookie));
        }

        var survives = fault is StoreFault.Pause || CommittedDataSurvivesRestart;
        ReportWindow(fault, load, log, down, up, recovered, histories, stored);

        Assert.All(responses, response =>
        {
            Assert.True(response.StatusCode is 200 or 503, $"Neither 200 nor 503: {response}\n{log.Describe()}");
            if (response.StatusCode == 503)
            {
                OutageResponses.AssertDocumented503(response.Response);
            }

            Assert.True(response.Elapsed <= StoreTimeout + Margin, $"Slower than the store timeout plus {Ms(Margin)}: {response}");
        });
        Assert.Contains(responses, response => response.StatusCode == 503);
        Assert.All(pings, ping =>
        {
            Assert.True(ping.StatusCode == 200 && ping.Response.BodyText == "pong", $"/ping failed: {ping}");
            Assert.True(ping.Elapsed <= StoreTimeout + Margin, $"/ping slower than the store timeout plus {Ms(Margin)}: {ping}");
        });

        // One entry when the outage starts and one when it ends; one warning for each save that timed out or failed
        // under way, each of which was answered "may have been written" (never a success, never "nothing was saved").
        Assert.True(log.StoreUnavailable == 1, $"{log.StoreUnavailable} StoreUnavailable entries in the {fault} window:\n{log.Describe()}");
        Assert.True(log.StoreRecovered == 1, $"{log.StoreRecovered} StoreRecovered entries in the {fault} window:\n{log.Describe()}");
        Assert.Equal(responses.Count(response => response.IsMayHaveBeenWritten), log.SaveOutcomeUnknown);

        for (var client = 0; client < histories.Count; client++)
        {
            var history = histories[client];
            history.AssertConsistent();

            // The client ended served, and its session holds what its last 200 said.
            Assert.Equal(200, history.Responses[^1].StatusCode);
            Assert.Equal(history.LastSucceeded!.Count, stored[client]);
            if (survives)
            {
                // No session lost, and no increment the client was told was saved is missing.
                Assert.Single(history.Sessions);
                Assert.InRange(stored[client], history.Confirmed, history.Confirmed + history.Uncertain);
            }
        }
    }

    private void ReportWindow(
        StoreFault fault, OutageLoad load, OutageLog log, TimeSpan down, TimeSpan up, TimeSpan recovered,
        IReadOnlyList<CounterHistory> histories, IReadOnlyList<int> stored)
    {
        var responses = load.AllSessionResponses;
        var ok = responses.Where(response => response.StatusCode == 200).ToList();
        var unavailable = responses.Where(response => response.StatusCode == 503 && !response.IsMayHaveBeenWritten).ToList();
        var uncertain = responses.Where(response => response.IsMayHaveBeenWritten).ToList();
        var firstServed = responses.Where(response => response.SentAt >= up && response.StatusCode == 200).Select(response => response.SentAt).DefaultIfEmpty(up).Min();
        Report($"{fault}: down at {down.TotalSeconds:0.00} s for {Ms(up - down)}; first 200 {Ms(firstServed - up)} and every client served " +
            $"{Ms(recovered - up)} after the store was back; log: {log.StoreUnavailable} StoreUnavailable, {log.StoreRecovered} StoreRecovered, " +
            $"{log.SaveOutcomeUnknown} SaveOutcomeUnknown; reconnects {load.Reconnects}");
        Report($"  session requests {responses.Count}: 200 x{ok.Count} ({Stats(ok)}), 503 unavailable x{unavailable.Count} ({Stats(unavailable)}), " +
            $"503 may-have-been-written x{uncertain.Count} ({Stats(uncertain)}); other {responses.Count - ok.Count - unavailable.Count - uncertain.Count}");
        Report($"  /ping {load.PingResponses.Count} ({Stats(load.PingResponses)}), non-200: {load.PingResponses.Count(ping => ping.StatusCode != 200)}");
        Report($"  per client confirmed/uncertain/stored/sessions: " +
            string.Join(", ", histories.Select((history, client) => $"{history.Confirmed}/{history.Uncertain}/{stored[client]}/{history.Sessions.Count}")));
    }

    private static string Stats(IReadOnlyList<LoadResponse> responses)
    {
        if (responses.Count == 0)
        {
            return "-";
        }

        var sorted = responses.Select(response => response.Elapsed).Order().ToList();
        return $"median {Ms(sorted[sorted.Count / 2])}, p95 {Ms(sorted[(int)(sorted.Count * 0.95)])}, max {Ms(sorted[^1])}";
    }

    private static async Task StopQuietlyAsync(OutageLoad load)
    {
        try
        {
            await load.StopAsync();
        }
        catch (Exception)
        {
            // The test already fails with its own exception.
        }
    }
}
