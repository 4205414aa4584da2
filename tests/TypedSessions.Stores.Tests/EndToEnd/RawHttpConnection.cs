using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// One keep-alive HTTP/1.1 connection over a plain socket, for tests about what is on the wire: HttpClient tolerates
/// and hides what a browser's next request on the same connection would meet. Requests go out byte for byte; each
/// response is read strictly (status line, CRLF-terminated header fields, body framed by Content-Length or chunked
/// encoding, nothing else) within <see cref="ReadTimeout"/>. Anything that breaks the framing throws
/// <see cref="ProtocolViolationException"/> with the bytes received: a response that does not start with
/// <c>HTTP/1.1 </c>, a body shorter than announced, bytes after a complete response
/// (<see cref="AssertNoStrayBytesAsync"/>). A server that closes the connection shows in <see cref="State"/>, and reading
/// a response from a closed connection throws <see cref="EndOfStreamException"/>. One test drives one connection: it is
/// not thread-safe.
/// </summary>
public sealed class RawHttpConnection : IAsyncDisposable
{
    private const int MaxLineLength = 64 * 1024;
    private const int MaxFields = 256;
    private static readonly byte[] StatusLinePrefix = "HTTP/1.1 "u8.ToArray();

    private readonly Socket _socket;
    private readonly NetworkStream _writer;
    private readonly string _host;

    // Requests written and not answered yet, for HEAD's bodiless response and for Elapsed.
    private readonly Queue<(string Method, long WrittenAt)> _unanswered = new();

    // The current response's bytes from index 0 (kept for error messages), read up to _start, received up to _end.
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    private RawHttpConnection(Socket socket, IPEndPoint server, TimeSpan readTimeout)
    {
        _socket = socket;
        _writer = new NetworkStream(socket, ownsSocket: false);
        _host = server.ToString();
        ReadTimeout = readTimeout;
    }

    /// <summary>How long reading one response may take, from the first read to its last byte.</summary>
    public TimeSpan ReadTimeout { get; set; }

    public RawHttpConnectionState State { get; private set; }

    /// <summary>Whether the server closed or reset the connection.</summary>
    public bool ServerClosed => State is not RawHttpConnectionState.Open;

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>Connects to <paramref name="port"/> on 127.0.0.1.</summary>
    public static Task<RawHttpConnection> ConnectAsync(int port, TimeSpan? readTimeout = null) =>
        ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), readTimeout);

    /// <summary>Connects to <paramref name="server"/>; <paramref name="readTimeout"/> defaults to 10 s.</summary>
    public static async Task<RawHttpConnection> ConnectAsync(IPEndPoint server, TimeSpan? readTimeout = null)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(server, timeout.Token);
            return new RawHttpConnection(socket, server, readTimeout ?? TimeSpan.FromSeconds(10));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Writes one request and reads its response.</summary>
    public async Task<RawHttpResponse> SendAsync(
        string method, string path, IEnumerable<(string Name, string Value)>? headers = null, byte[]? body = null)
    {
        await WriteRequestAsync(method, path, headers, body);
        return await ReadResponseAsync();
    }

    /// <summary>
    /// Writes one request without reading anything (to pipeline, or to read the response later). Adds <c>Host</c> unless
    /// given, and <c>Content-Length</c> for a body (or a POST, PUT or PATCH without one) unless a framing field is given.
    /// </summary>
    public async Task WriteRequestAsync(
        string method, string path, IEnumerable<(string Name, string Value)>? headers = null, byte[]? body = null)
    {
        var fields = headers?.ToList() ?? [];
        var head = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\n");
        if (!fields.Any(field => IsNamed(field.Name, "Host")))
        {
            head.Append(CultureInfo.InvariantCulture, $"Host: {_host}\r\n");
        }

        foreach (var (name, value) in fields)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        var framed = fields.Any(field => IsNamed(field.Name, "Content-Length") || IsNamed(field.Name, "Transfer-Encoding"));
        if (!framed && (body is not null || method is "POST" or "PUT" or "PATCH"))
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body?.Length ?? 0}\r\n");
        }

        head.Append("\r\n");
        _unanswered.Enqueue((method, Stopwatch.GetTimestamp()));

        // Latin-1 puts each char of a header value on the wire as the one byte it stands for.
        await _writer.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()).Concat(body ?? []).ToArray());
    }

    /// <summary>Writes bytes as they are, for requests no well-behaved client would send.</summary>
    public async Task WriteRawAsync(ReadOnlyMemory<byte> bytes) => await _writer.WriteAsync(bytes);

    /// <summary>
    /// Reads exactly one response. Throws <see cref="ProtocolViolationException"/> when the bytes are not one,
    /// <see cref="EndOfStreamException"/> when the connection is closed before its first byte, and
    /// <see cref="TimeoutException"/> when it is not complete within <see cref="ReadTimeout"/>.
    /// </summary>
    public async Task<RawHttpResponse> ReadResponseAsync()
    {
        // Earlier responses' bytes are no longer needed: the buffer starts with this response.
        Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
        _end -= _start;
        _start = 0;

        var (method, startedAt) = _unanswered.TryPeek(out var request) ? request : ("GET", Stopwatch.GetTimestamp());
        using var timeout = new CancellationTokenSource(ReadTimeout);
        try
        {
            var response = await ReadResponseCoreAsync(method, startedAt, timeout.Token);

            // An interim (1xx) response comes before the final one to the same request.
            if (response.StatusCode >= 200)
            {
                _unanswered.TryDequeue(out _);
            }

            return response;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"No complete response within {ReadTimeout.TotalMilliseconds} ms. Received: {Received()}");
        }
    }

    /// <summary>
    /// Asserts that no byte follows the last complete response, whether already received or arriving within
    /// <paramref name="quiet"/>: a stray byte would be read as the start of the next response. The server closing the
    /// connection meanwhile is no stray byte; it shows in <see cref="State"/>.
    /// </summary>
    public async Task AssertNoStrayBytesAsync(TimeSpan quiet)
    {
        if (_end == _start && State is RawHttpConnectionState.Open)
        {
            using var timeout = new CancellationTokenSource(quiet);
            try
            {
                await FillAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                // Quiet, as it should be.
            }
        }

        if (_end > _start)
        {
            throw new ProtocolViolationException(
                $"{_end - _start} stray bytes after a complete response: {Escape(_buffer.AsSpan(_start, _end - _start))}");
        }
    }

    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<RawHttpResponse> ReadResponseCoreAsync(string method, long startedAt, CancellationToken cancellationToken)
    {
        await ReadStatusLinePrefixAsync(cancellationToken);
        var (statusCode, reasonPhrase) = ParseStatusLine(await ReadLineAsync("status line", cancellationToken));
        var headers = await ReadFieldsAsync("header", cancellationToken);

        var transferEncoding = headers.Where(field => IsNamed(field.Key, "Transfer-Encoding")).Select(field => field.Value).ToList();
        var contentLength = headers.Where(field => IsNamed(field.Key, "Content-Length")).Select(field => field.Value).ToList();
        byte[] body = [];
        IReadOnlyList<KeyValuePair<string, string>> trailers = [];
        var isChunked = transferEncoding.Count > 0;
        if (method == "HEAD" || statusCode is < 200 or 204 or 304)
        {
            // No body, whatever the fields say.
        }
        else if (isChunked)
        {
            if (contentLength.Count > 0)
            {
                throw Violation("both Transfer-Encoding and Content-Length");
            }

            if (!string.Join(',', transferEncoding).Split(',')[^1].Trim().Equals("chunked", StringComparison.OrdinalIgnoreCase))
            {
                throw Violation($"Transfer-Encoding '{string.Join(", ", transferEncoding)}' does not end with chunked");
            }

            (body, trailers) = await ReadChunkedBodyAsync(cancellationToken);
        }
        else if (contentLength.Count > 0)
        {
            body = await ReadExactlyAsync(ParseContentLength(contentLength), "body", cancellationToken);
        }
        else
        {
            body = await ReadToEndAsync(cancellationToken);
        }

        return new RawHttpResponse
        {
            StatusCode = statusCode,
            ReasonPhrase = reasonPhrase,
            Headers = headers,
            Trailers = trailers,
            Body = body,
            IsChunked = isChunked,
            Elapsed = Stopwatch.GetElapsedTime(startedAt),
        };
    }

    // Checks each byte as it arrives, so that garbage fails at once instead of waiting for a line end that never comes.
    private async Task ReadStatusLinePrefixAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var available = Math.Min(_end - _start, StatusLinePrefix.Length);
            if (!_buffer.AsSpan(_start, available).SequenceEqual(StatusLinePrefix.AsSpan(0, available)))
            {
                throw Violation("the response does not start with 'HTTP/1.1 '");
            }

            if (available == StatusLinePrefix.Length)
            {
                return;
            }

            if (!await FillAsync(cancellationToken))
            {
                if (_end == 0)
                {
                    throw new EndOfStreamException($"The server {Describe(State)} the connection before a response started.");
                }

                throw Violation($"the server {Describe(State)} the connection within the status line");
            }
        }
    }

    private (int StatusCode, string ReasonPhrase) ParseStatusLine(string line)
    {
        // "HTTP/1.1 " three digits, a space, then an optional reason phrase.
        var rest = line[StatusLinePrefix.Length..];
        if (rest.Length < 4 || !rest[..3].All(char.IsAsciiDigit) || rest[3] != ' ')
        {
            throw Violation($"malformed status line '{line}'");
        }

        return (int.Parse(rest[..3], CultureInfo.InvariantCulture), rest[4..]);
    }

    private async Task<List<KeyValuePair<string, string>>> ReadFieldsAsync(string kind, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>();
        while (await ReadLineAsync($"{kind} field", cancellationToken) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || !line[..colon].All(IsTokenChar))
            {
                throw Violation($"malformed {kind} field '{line}'");
            }

            fields.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
            if (fields.Count > MaxFields)
            {
                throw Violation($"more than {MaxFields} {kind} fields");
            }
        }

        return fields;
    }

    private async Task<(byte[] Body, List<KeyValuePair<string, string>> Trailers)> ReadChunkedBodyAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            // chunk-size in hex, optional ";extension", CRLF.
            var line = await ReadLineAsync("chunk size", cancellationToken);
            var sizeText = line.Split(';')[0].TrimEnd(' ', '\t');
            if (sizeText.Length is 0 or > 8 || !sizeText.All(char.IsAsciiHexDigit))
            {
                throw Violation($"malformed chunk size line '{line}'");
            }

            var size = int.Parse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                return (body.ToArray(), await ReadFieldsAsync("trailer", cancellationToken));
            }

            body.Write(await ReadExactlyAsync(size, "chunk", cancellationToken));
            if (await ReadLineAsync("chunk end", cancellationToken) is { Length: > 0 } extra)
            {
                throw Violation($"chunk data longer than its size {size}: '{extra}' before the CRLF");
            }
        }
    }

    private int ParseContentLength(List<string> values)
    {
        // Repeated fields or a list are allowed only when every value is the same number.
        var lengths = values.SelectMany(value => value.Split(',')).Select(value => value.Trim()).Distinct().ToList();
        if (lengths is not [var length] || length.Length is 0 or > 9 || !length.All(char.IsAsciiDigit))
        {
            throw Violation($"Content-Length '{string.Join(", ", values)}'");
        }

        return int.Parse(length, CultureInfo.InvariantCulture);
    }

    // Reads up to and including CRLF; a bare LF or CR is a violation, not a line end.
    private async Task<string> ReadLineAsync(string what, CancellationToken cancellationToken)
    {
        var searched = _start;
        while (true)
        {
            var lf = Array.IndexOf(_buffer, (byte)'\n', searched, _end - searched);
            var end = lf >= 0 ? lf : _end;
            var cr = Array.IndexOf(_buffer, (byte)'\r', _start, end - _start);
            if (cr >= 0 && cr != lf - 1 && (cr < end - 1 || lf >= 0))
            {
                throw Violation($"bare CR in the {what}");
            }

            if (lf >= 0)
            {
                if (lf == _start || _buffer[lf - 1] != '\r')
                {
                    throw Violation($"bare LF in the {what}");
                }

                var line = Encoding.Latin1.GetString(_buffer, _start, lf - 1 - _start);
                _start = lf + 1;
                return line;
            }

            if (_end - _start > MaxLineLength)
            {
                throw Violation($"the {what} is longer than {MaxLineLength} bytes");
            }

            searched = _end;
            if (!await FillAsync(cancellationToken))
            {
                throw Violation($"the server {Describe(State)} the connection within the {what}");
            }
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count, string what, CancellationToken cancellationToken)
    {
        while (_end - _start < count)
        {
            if (!await FillAsync(cancellationToken))
            {
                throw Violation($"the server {Describe(State)} the connection after {_end - _start} of {count} {what} bytes");
            }
        }

        var bytes = _buffer.AsSpan(_start, count).ToArray();
        _start += count;
        return bytes;
    }

    // A response with no framing ends where the server closes the connection.
    private async Task<byte[]> ReadToEndAsync(CancellationToken cancellationToken)
    {
        while (await FillAsync(cancellationToken))
        {
        }

        var bytes = _buffer.AsSpan(_start, _end - _start).ToArray();
        _start = _end;
        return bytes;
    }

    // Receives more bytes after _end; false when the server closed or reset the connection.
    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (State is not RawHttpConnectionState.Open)
        {
            return false;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int received;
        try
        {
            received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
        {
            State = RawHttpConnectionState.ResetByServer;
            return false;
        }

        if (received == 0)
        {
            State = RawHttpConnectionState.ClosedByServer;
            return false;
        }

        _end += received;
        return true;
    }

    private ProtocolViolationException Violation(string what) => new($"Not an HTTP/1.1 response: {what}. Received: {Received()}");

    private string Received() => _end == 0 ? "nothing" : Escape(_buffer.AsSpan(0, _end));

    private static string Describe(RawHttpConnectionState state) => state is RawHttpConnectionState.ResetByServer ? "reset" : "closed";

    private static bool IsNamed(string name, string expected) => name.Equals(expected, StringComparison.OrdinalIgnoreCase);

    // RFC 9110 tchar.
    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);

    // Printable ASCII as is, the rest escaped, so that CR, LF and binary junk are visible; long dumps are cut.
    private static string Escape(ReadOnlySpan<byte> bytes)
    {
        const int Limit = 2048;
        var text = new StringBuilder("\"");
        foreach (var b in bytes[..Math.Min(bytes.Length, Limit)])
        {
            text.Append(b switch
            {
                (byte)'\r' => "\\r",
                (byte)'\n' => "\\n",
                (byte)'\\' => "\\\\",
                (byte)'"' => "\\\"",
                >= 0x20 and < 0x7F => ((char)b).ToString(),
                _ => $"\\x{b:X2}",
            });
        }

        text.Append('"');
        if (bytes.Length > Limit)
        {
            text.Append(CultureInfo.InvariantCulture, $" … ({bytes.Length} bytes in all)");
        }

        return text.ToString();
    }
}
