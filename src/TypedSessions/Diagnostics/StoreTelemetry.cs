using System.Diagnostics;
using TypedSessions.Engine;
using TypedSessions.Stores;

namespace TypedSessions.Diagnostics;

/// <summary>
/// Spans and store instruments for the calls the engine makes to one store. Tags are the store's name, the operation
/// and, on failure, <c>error.type</c>; spans add the store's <c>db.*</c> and <c>server.*</c> attributes. Nothing here
/// ever sees a session key, record id or session data, so none can end up in a tag.
/// </summary>
internal sealed class StoreTelemetry
{
    public const string StoreTag = "typedsessions.store";
    public const string OperationTag = "typedsessions.store.operation";
    public const string ErrorTypeTag = "error.type";

    /// <summary>The <c>error.type</c> of a call refused without reaching the store, because it is known to be down.</summary>
    public const string CircuitOpen = "circuit_open";

    /// <summary>The <c>error.type</c> of a call that did not answer within the store timeout.</summary>
    public const string Timeout = "timeout";

    private readonly SessionMetrics _metrics;
    private readonly string[] _spanNames;

    public StoreTelemetry(SessionStoreDescription description, SessionMetrics metrics)
    {
        Description = description;
        _metrics = metrics;

        // OpenTelemetry's database span name, "{db.operation.name} {target}", built once per operation.
        var target = description.CollectionName ?? description.DatabaseNamespace ?? description.Name;
        _spanNames = new string[StoreOperationNames.Count];
        for (var i = 0; i < _spanNames.Length; i++)
        {
            _spanNames[i] = StoreOperationNames.NameOf((StoreOperation)i) + " " + target;
        }
    }

    public SessionStoreDescription Description { get; }

    /// <summary>Starts timing a call, and its span when someone listens.</summary>
    public StoreCall Start(StoreOperation operation)
    {
        var activity = SessionActivitySource.Instance.HasListeners()
            ? SessionActivitySource.Instance.StartActivity(_spanNames[(int)operation], ActivityKind.Client)
            : null;
        if (activity is { IsAllDataRequested: true })
        {
            AddSpanTags(activity, operation);
        }

        return new StoreCall(operation, Stopwatch.GetTimestamp(), activity);
    }

    /// <summary>
    /// Times and traces a call the guard does not bound (a purge, a revocation: they take what the caller's token
    /// allows); a failure is counted and rethrown.
    /// </summary>
    public async ValueTask<T> MeasureAsync<T>(StoreOperation operation, Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        var measured = Start(operation);
        T value;
        try
        {
            value = await call(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abandoned(measured);
            throw;
        }
        catch (Exception exception)
        {
            Failed(measured, ErrorTypeOf(exception));
            throw;
        }

        Succeeded(measured);
        return value;
    }

    /// <summary>The call answered.</summary>
    public void Succeeded(in StoreCall call)
    {
        if (_metrics.StoreDuration.Enabled)
        {
            var tags = Tags(call.Operation);
            _metrics.StoreDuration.Record(Stopwatch.GetElapsedTime(call.Started).TotalSeconds, tags);
        }

        call.Activity?.Dispose();
    }

    /// <summary>The call failed: <paramref name="errorType"/> is <see cref="Timeout"/> or the exception's type.</summary>
    public void Failed(in StoreCall call, string errorType)
    {
        var tags = Tags(call.Operation);
        tags.Add(ErrorTypeTag, errorType);
        _metrics.StoreDuration.Record(Stopwatch.GetElapsedTime(call.Started).TotalSeconds, tags);
        (errorType == Timeout ? _metrics.StoreTimeouts : _metrics.StoreErrors).Add(1, tags);
        if (call.Activity is { } activity)
        {
            activity.SetTag(ErrorTypeTag, errorType);
            activity.SetStatus(ActivityStatusCode.Error);
            activity.Dispose();
        }
    }

    /// <summary>The caller gave up (its own token): neither the store's failure nor an answer.</summary>
    public static void Abandoned(in StoreCall call) => call.Activity?.Dispose();

    /// <summary>A call not made, because the store is known to be down.</summary>
    public void Refused(StoreOperation operation)
    {
        var tags = Tags(operation);
        tags.Add(ErrorTypeTag, CircuitOpen);
        _metrics.StoreErrors.Add(1, tags);
    }

    /// <summary>The <c>error.type</c> of an exception: its full type name, a low-cardinality value as OpenTelemetry asks.</summary>
    public static string ErrorTypeOf(Exception? exception)
        => exception is null ? "_OTHER" : exception.GetType().FullName ?? exception.GetType().Name;

    private TagList Tags(StoreOperation operation)
        => new() { { StoreTag, Description.Name }, { OperationTag, StoreOperationNames.NameOf(operation) } };

    private void AddSpanTags(Activity activity, StoreOperation operation)
    {
        activity.SetTag(StoreTag, Description.Name);
        activity.SetTag("db.operation.name", StoreOperationNames.NameOf(operation));
        if (Description.DatabaseSystemName is { } system)
        {
            activity.SetTag("db.system.name", system);
        }

        if (Description.DatabaseNamespace is { } databaseNamespace)
        {
            activity.SetTag("db.namespace", databaseNamespace);
        }

        if (Description.CollectionName is { } collection)
        {
            activity.SetTag("db.collection.name", collection);
        }

        if (Description.ServerAddress is { } address)
        {
            activity.SetTag("server.address", address);
            if (Description.ServerPort is { } port)
            {
                activity.SetTag("server.port", port);
            }
        }
    }
}
