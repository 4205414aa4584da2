using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>
/// What one Npgsql data source sends and receives, from Npgsql's own instrumentation: every command (one round trip
/// each) with its SQL, from the <c>Npgsql</c> activity source, and the bytes written to and read from the socket, from
/// the <c>Npgsql</c> meter. Only the data source named <see cref="DataSourceName"/> is counted, so that other tests'
/// traffic is not.
/// </summary>
internal sealed class NpgsqlTraffic : IDisposable
{
    private const string BytesWrittenInstrument = "db.client.operation.npgsql.bytes_written";
    private const string BytesReadInstrument = "db.client.operation.npgsql.bytes_read";

    private readonly ActivityListener _activities;
    private readonly MeterListener _meters = new();
    private readonly ConcurrentQueue<string> _statements = new();
    private long _bytesWritten;
    private long _bytesRead;

    public NpgsqlTraffic(string dataSourceName)
    {
        DataSourceName = dataSourceName;
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("db.npgsql.data_source") as string == DataSourceName && activity.GetTagItem("db.query.text") is string sql)
                {
                    _statements.Enqueue(sql);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);

        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name is BytesWrittenInstrument or BytesReadInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "db.client.connection.pool.name" && tag.Value as string == DataSourceName)
                {
                    Interlocked.Add(ref instrument.Name == BytesWrittenInstrument ? ref _bytesWritten : ref _bytesRead, value);
                }
            }
        });
        _meters.Start();
    }

    public string DataSourceName { get; }

    /// <summary>Everything counted since the last <see cref="Reset"/>.</summary>
    public NpgsqlTrafficSnapshot Snapshot()
        => new([.. _statements], Interlocked.Read(ref _bytesWritten), Interlocked.Read(ref _bytesRead));

    public void Reset()
    {
        _statements.Clear();
        Interlocked.Exchange(ref _bytesWritten, 0);
        Interlocked.Exchange(ref _bytesRead, 0);
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }
}
