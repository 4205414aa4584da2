namespace TypedSessions.Tests.Http;

/// <summary>
/// A store probe for <c>StoreCircuitBreaker</c> that the test answers: while the store is down every probe hangs until
/// the test fails it; once the store is back, new probes and the hanging ones started by the breaker's own background
/// loop succeed. Probes started within <see cref="StartedByCaller{T}"/> (synchronously, on the caller's thread) are
/// told apart, so that the test can let one of them fail late, as a probe sent to a frozen store times out.
/// </summary>
internal sealed class ControlledProbe
{
    [ThreadStatic]
    private static bool t_callerIsStarting;

    private readonly Lock _gate = new();
    private readonly List<(TaskCompletionSource Answer, bool ByCaller)> _pending = [];
    private bool _back;

    /// <summary>How many probes the breaker has started.</summary>
    public int Started { get; private set; }

    /// <summary>The probe the breaker calls.</summary>
    public Task ProbeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Started++;
            if (_back)
            {
                return Task.CompletedTask;
            }

            var answer = new TaskCompletionSource();
            _pending.Add((answer, t_callerIsStarting));
            return answer.Task;
        }
    }

    /// <summary>Runs <paramref name="call"/>, marking the probes it starts as the caller's.</summary>
    public T StartedByCaller<T>(Func<T> call)
    {
        t_callerIsStarting = true;
        try
        {
            return call();
        }
        finally
        {
            t_callerIsStarting = false;
        }
    }

    /// <summary>Every hanging probe fails, as it times out on a frozen store.</summary>
    public void FailHanging() => Answer(_ => true, answer => answer.SetException(new TimeoutException("The probe timed out.")));

    /// <summary>The hanging probes started by the caller fail, late.</summary>
    public void FailHangingStartedByCaller() => Answer(byCaller => byCaller, answer => answer.SetException(new TimeoutException("The probe timed out.")));

    /// <summary>The store answers again: new probes, and the hanging ones the caller did not start, succeed.</summary>
    public void ComeBack()
    {
        lock (_gate)
        {
            _back = true;
        }

        Answer(byCaller => !byCaller, answer => answer.SetResult());
    }

    private void Answer(Func<bool, bool> which, Action<TaskCompletionSource> answer)
    {
        List<TaskCompletionSource> answered;
        lock (_gate)
        {
            answered = _pending.Where(probe => which(probe.ByCaller)).Select(probe => probe.Answer).ToList();
            _pending.RemoveAll(probe => which(probe.ByCaller));
        }

        // Outside the lock: the breaker's continuations may run inline and start the next probe.
        answered.ForEach(answer);
    }
}
