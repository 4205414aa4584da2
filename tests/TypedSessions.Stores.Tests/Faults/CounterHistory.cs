namespace TypedSessions.Stores.Tests.Faults;

/// <summary>
/// What one load client's <c>POST /count</c> responses say about its counter: each 200 saved one increment and returned
/// the new value; a 503 "unavailable" saved nothing; a 503 "may have been written" saved one increment or none.
/// </summary>
internal sealed class CounterHistory
{
    private CounterHistory(IReadOnlyList<LoadResponse> responses)
    {
        Responses = responses;
        var succeeded = responses.Where(response => response.StatusCode == 200).ToList();
        Sessions = succeeded.Select(response => response.SetCookie).Distinct().ToList();
        LastSucceeded = succeeded.LastOrDefault();
        FinalCookie = LastSucceeded?.SetCookie;
        var finalSession = responses.Where(response => response.SentCookie == FinalCookie || response.SetCookie == FinalCookie).ToList();
        Confirmed = finalSession.Count(response => response.StatusCode == 200);
        Uncertain = finalSession.Count(response => response.IsMayHaveBeenWritten);
    }

    public IReadOnlyList<LoadResponse> Responses { get; }

    /// <summary>The session cookies the client's 200s named, in order; more than one means a session was lost.</summary>
    public IReadOnlyList<string?> Sessions { get; }

    public LoadResponse? LastSucceeded { get; }

    /// <summary>The session the client ended with.</summary>
    public string? FinalCookie { get; }

    /// <summary>200s of the final session: increments the client was told were saved.</summary>
    public int Confirmed { get; }

    /// <summary>"May have been written" 503s of the final session: increments that may or may not have been saved.</summary>
    public int Uncertain { get; }

    public static CounterHistory Of(IReadOnlyList<LoadResponse> responses) => new(responses);

    /// <summary>
    /// Every 200 carries a session cookie; a session's first 200 counts 1; each later 200 counts one more than the one
    /// before, plus at most the "may have been written" 503s in between (each applied once or not at all): nothing was
    /// lost, nothing counted twice, and a 503 "unavailable" wrote nothing.
    /// </summary>
    public void AssertConsistent()
    {
        LoadResponse? previous = null;
        var uncertainSince = 0;
        foreach (var response in Responses)
        {
            if (response.IsMayHaveBeenWritten)
            {
                uncertainSince++;
            }

            if (response.StatusCode != 200)
            {
                continue;
            }

            Assert.True(response.SetCookie is not null, $"A 200 without a session cookie: {response}");
            if (previous is not null && previous.SetCookie == response.SetCookie)
            {
                var step = response.Count - previous.Count;
                Assert.True(
                    step >= 1 && step <= 1 + uncertainSince,
                    $"The counter went from {previous.Count} to {response.Count} with {uncertainSince} uncertain saves in between:\n{previous}\n{response}");
            }
            else
            {
                Assert.True(response.Count == 1, $"A new session's first count is not 1: {response}");
            }

            previous = response;
            uncertainSince = 0;
        }
    }
}
