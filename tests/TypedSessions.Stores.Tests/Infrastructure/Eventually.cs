namespace TypedSessions.Stores.Tests.Infrastructure;

/// <summary>
/// Bounded waits for things that happen on their own schedule (a client reconnecting after a server restart): retries
/// until the action succeeds, and fails with the last exception once the time is up.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Runs <paramref name="action"/> until it returns without throwing, for at most <paramref name="timeout"/>.</summary>
    public static async Task<T> SucceedsAsync<T>(Func<Task<T>> action, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await action();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Interval);
            }
            catch (Exception e)
            {
                throw new TimeoutException($"Still failing after {timeout.TotalSeconds} s: {e.Message}", e);
            }
        }
    }

    /// <inheritdoc cref="SucceedsAsync{T}(Func{Task{T}}, TimeSpan)"/>
    public static Task SucceedsAsync(Func<Task> action, TimeSpan timeout) =>
        SucceedsAsync(async () => { await action(); return true; }, timeout);
}
