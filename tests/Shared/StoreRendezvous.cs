namespace TypedSessions.Testing;

/// <summary>
/// One signal shared by every store it is given to (one app's, or every instance's): once armed for a call and a number
/// of parties, that many calls wait at the store until the last of them arrives, and then all go on together. So
/// concurrent requests really overlap where it matters, at the store, however the machine schedules them: armed for
/// updates, every one has loaded before any writes, even on a store that completes synchronously (the memory store),
/// where requests would otherwise run one after another. Calls after the release pass straight through (a merge's
/// retry among them), as do calls while unarmed. A party that waits too long fails with a <see cref="TimeoutException"/>
/// naming how many arrived, never hangs.
/// </summary>
public sealed class StoreRendezvous
{
    // Generous: on a loaded CI machine the last request can take a while to reach the store; a hang fails, never passes.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private GatedStoreCall? _call;
    private int _parties;
    private int _arrived;
    private TaskCompletionSource _everyoneArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds the next <paramref name="parties"/> calls of kind <paramref name="call"/> until all have arrived.</summary>
    public void Arm(GatedStoreCall call, int parties)
    {
        lock (_lock)
        {
            (_call, _parties, _arrived) = (call, parties, 0);
            _everyoneArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Completes when the armed parties have all arrived, so a test knows the overlap really happened.</summary>
    public Task Released
    {
        get
        {
            lock (_lock)
            {
                return _everyoneArrived.Task;
            }
        }
    }

    /// <summary>Called by the store before <paramref name="call"/>: waits for the other parties when armed for it.</summary>
    public async ValueTask ArriveAsync(GatedStoreCall call)
    {
        Task wait;
        lock (_lock)
        {
            if (_call != call)
            {
                return;
            }

            wait = _everyoneArrived.Task;
            if (++_arrived == _parties)
            {
                _call = null;
                _everyoneArrived.SetResult();
                return;
            }
        }

        try
        {
            await wait.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Only {_arrived} of {_parties} {call} calls reached the store within {Deadline.TotalSeconds} s.");
        }
    }
}
