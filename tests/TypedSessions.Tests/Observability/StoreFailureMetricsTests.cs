using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Observability;

/// <summary>Store failures on the meter: an error by its type, a timeout as a timeout, a call refused while the store is down as circuit_open.</summary>
public sealed class StoreFailureMetricsTests
{
    [Fact]
    public async Task A_store_that_throws_counts_one_error_of_the_exception_type()
    {
        await using var server = await FaultyStoreServer.StartAsync();
        using var instruments = new SessionInstruments(server.Services);
        server.FaultyStore().Failure = new IOException("connection reset");

        await server.GetAsync("/write");

        var error = Assert.Single(instruments["typedsessions.store.errors"].GetMeasurementSnapshot());
        Assert.Equal(1, error.Value);
        Assert.Equal("create", error.Tags["typedsessions.store.operation"]);
        Assert.Equal(typeof(IOException).FullName, error.Tags["error.type"]);
        Assert.Equal(0, instruments.Total("typedsessions.store.timeouts"));
        Assert.Equal(0, instruments.Total("typedsessions.session.saved"));
        var duration = Assert.Single(instruments.StoreDuration.GetMeasurementSnapshot());
        Assert.Equal(typeof(IOException).FullName, duration.Tags["error.type"]);
    }

    [Fact]
    public async Task A_store_that_does_not_answer_in_time_counts_one_timeout_and_no_error()
    {
        await using var server = await FaultyStoreServer.StartAsync();
        using var instruments = new SessionInstruments(server.Services);
        var hang = new TaskCompletionSource();
        server.FaultyStore().Hang = hang.Task;
        try
        {
            await server.GetAsync("/write");
        }
        finally
        {
            hang.SetResult();
        }

        var timeout = Assert.Single(instruments["typedsessions.store.timeouts"].GetMeasurementSnapshot());
        Assert.Equal(1, timeout.Value);
        Assert.Equal("create", timeout.Tags["typedsessions.store.operation"]);
        Assert.Equal("timeout", timeout.Tags["error.type"]);
        Assert.Empty(instruments["typedsessions.store.errors"].GetMeasurementSnapshot());
    }

    [Fact]
    public async Task A_call_refused_while_the_store_is_down_counts_as_a_circuit_open_error()
    {
        await using var server = await FaultyStoreServer.StartAsync();
        server.FaultyStore().Failure = new IOException("connection reset");
        await server.GetAsync("/write");
        using var instruments = new SessionInstruments(server.Services);

        await server.GetAsync("/write");

        var error = Assert.Single(instruments["typedsessions.store.errors"].GetMeasurementSnapshot());
        Assert.Equal("circuit_open", error.Tags["error.type"]);
        Assert.Empty(instruments.StoreDuration.GetMeasurementSnapshot());
    }
}
