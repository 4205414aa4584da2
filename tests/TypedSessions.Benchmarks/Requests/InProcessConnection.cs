using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace TypedSessions.Benchmarks.Requests;

/// <summary>
/// One keep-alive connection of <see cref="InProcessServer"/>. It does per request what Kestrel does, and no more: it
/// resets one feature collection, lets hosting reuse its <see cref="HttpContext"/>, runs the pipeline, starts the
/// response (its <c>OnStarting</c> callbacks) if the application did not, and then runs the <c>OnCompleted</c> ones. The
/// body is counted, not kept.
/// </summary>
internal abstract class InProcessConnection : IHttpRequestFeature, IHttpResponseFeature, IHttpResponseBodyFeature, IPersistentStateFeature,
    IHttpRequestLifetimeFeature, IHttpRequestIdentifierFeature
{
    private readonly List<KeyValuePair<Func<object, Task>, object>> _onStarting = [];
    private readonly List<KeyValuePair<Func<object, Task>, object>> _onCompleted = [];
    private readonly Dictionary<object, object?> _connectionState = [];
    private readonly CountingStream _body;
    private readonly PipeWriter _writer;

    protected InProcessConnection(InProcessFeatures features)
    {
        RequestFeatures = features;
        _body = new CountingStream(this);
        _writer = PipeWriter.Create(_body, new(leaveOpen: true));
    }

    /// <summary>The features of the request under way: the connection's own, plus what the pipeline added.</summary>
    protected InProcessFeatures RequestFeatures { get; }

    /// <summary>The body bytes of the last response.</summary>
    public long ResponseLength => _body.Length;

    /// <summary>Runs one request and returns its status code.</summary>
    public async Task<int> SendAsync(string method, string path, string? cookie)
    {
        Reset(method, path, cookie);
        await RunAsync();
        if (!HasStarted)
        {
            await StartAsync();
        }

        await _writer.FlushAsync();
        for (var i = _onCompleted.Count - 1; i >= 0; i--)
        {
            await _onCompleted[i].Key(_onCompleted[i].Value);
        }

        return StatusCode;
    }

    /// <summary>Hosting's part of a request: create (or reuse) the context, run the pipeline, dispose the context.</summary>
    protected abstract Task RunAsync();

    private void Reset(string method, string path, string? cookie)
    {
        RequestFeatures.Reset();
        RequestFeatures.Set<IHttpRequestFeature>(this);
        RequestFeatures.Set<IHttpResponseFeature>(this);
        RequestFeatures.Set<IHttpResponseBodyFeature>(this);
        RequestFeatures.Set<IPersistentStateFeature>(this);
        RequestFeatures.Set<IHttpRequestLifetimeFeature>(this);
        RequestFeatures.Set<IHttpRequestIdentifierFeature>(this);
        Method = method;
        Path = path;
        QueryString = string.Empty;
        Headers.Clear();
        Headers.Host = "localhost";
        if (cookie is not null)
        {
            Headers.Cookie = cookie;
        }

        StatusCode = StatusCodes.Status200OK;
        ReasonPhrase = null;
        ResponseHeaders.Clear();
        HasStarted = false;
        _onStarting.Clear();
        _onCompleted.Clear();
        _body.Position = 0;
    }

    /// <summary>The Set-Cookie headers of the last response.</summary>
    public string[] SetCookies => ResponseHeaders["Set-Cookie"].ToArray()!;

    // Request.
    public string Protocol { get; set; } = "HTTP/1.1";

    public string Scheme { get; set; } = "http";

    public string Method { get; set; } = "GET";

    public string PathBase { get; set; } = string.Empty;

    public string Path { get; set; } = "/";

    public string QueryString { get; set; } = string.Empty;

    public string RawTarget { get; set; } = "/";

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    Stream IHttpRequestFeature.Body { get; set; } = Stream.Null;

    // Response.
    public int StatusCode { get; set; }

    public string? ReasonPhrase { get; set; }

    private HeaderDictionary ResponseHeaders { get; } = new();

    IHeaderDictionary IHttpResponseFeature.Headers
    {
        get => ResponseHeaders;
        set => throw new NotSupportedException();
    }

    Stream IHttpResponseFeature.Body
    {
        get => _body;
        set => throw new NotSupportedException();
    }

    public bool HasStarted { get; private set; }

    public void OnStarting(Func<object, Task> callback, object state) => _onStarting.Add(new(callback, state));

    public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Add(new(callback, state));

    // Response body.
    Stream IHttpResponseBodyFeature.Stream => _body;

    PipeWriter IHttpResponseBodyFeature.Writer => _writer;

    public void DisableBuffering()
    {
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (HasStarted)
        {
            return;
        }

        // Last registered runs first, as in Kestrel.
        for (var i = _onStarting.Count - 1; i >= 0; i--)
        {
            await _onStarting[i].Key(_onStarting[i].Value);
        }

        HasStarted = true;
    }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task CompleteAsync() => _writer.FlushAsync().AsTask();

    // Connection.
    IDictionary<object, object?> IPersistentStateFeature.State => _connectionState;

    public CancellationToken RequestAborted { get; set; }

    public void Abort()
    {
    }

    public string TraceIdentifier { get; set; } = "in-process";

    /// <summary>Counts what the response writes, and keeps none of it; the first write starts the response.</summary>
    private sealed class CountingStream(InProcessConnection owner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Position;

        public override long Position { get; set; }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => owner.StartAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => Position = value;

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Synchronous writes are not allowed, as in Kestrel.");

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await owner.StartAsync(cancellationToken);
            Position += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}

/// <inheritdoc cref="InProcessConnection"/>
internal sealed class InProcessConnection<TContext>(IHttpApplication<TContext> application) : InProcessConnection(new HostFeatures())
    where TContext : notnull
{
    protected override async Task RunAsync()
    {
        // Hosting finds its context in the feature collection and reuses it, as it does with Kestrel's.
        var context = application.CreateContext(RequestFeatures);
        Exception? failure = null;
        try
        {
            await application.ProcessRequestAsync(context);
        }
        catch (Exception exception)
        {
            failure = exception;
            throw;
        }
        finally
        {
            application.DisposeContext(context, failure);
        }
    }

    private sealed class HostFeatures : InProcessFeatures, IHostContextContainer<TContext>
    {
        public TContext? HostContext { get; set; }
    }
}
