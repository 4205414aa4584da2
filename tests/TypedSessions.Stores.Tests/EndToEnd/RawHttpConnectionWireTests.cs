using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// <see cref="RawHttpConnection"/> against a fake server that writes exactly the bytes a test gives it, including the
/// broken framing Kestrel never produces: the parser must accept what is valid and name what is not.
/// </summary>
public sealed class RawHttpConnectionWireTests : IAsyncLifetime
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private RawHttpConnection _client = null!;
    private Socket _server = null!;

    public async Task InitializeAsync()
    {
        _listener.Start();
        var accepted = _listener.AcceptSocketAsync();
        _client = await RawHttpConnection.ConnectAsync(((IPEndPoint)_listener.LocalEndpoint).Port, TimeSpan.FromSeconds(2));
        _server = await accepted;
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _server.Dispose();
        _listener.Stop();
    }

    [Fact]
    public async Task A_response_framed_by_content_length_parses_with_repeated_fields_kept_apart()
    {
        await ServerWritesAsync("HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 2\r\n\r\nok");

        var response = await _client.ReadResponseAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("OK", response.ReasonPhrase);
        Assert.Equal(["a=1", "b=2"], response.GetValues("set-cookie"));
        Assert.Equal("ok", response.BodyText);
        Assert.False(response.IsChunked);
        await _client.AssertNoStrayBytesAsync(Quiet);
    }

    [Fact]
    public async Task A_chunked_response_parses_with_extensions_and_trailers()
    {
        await ServerWritesAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");

        var response = await _client.ReadResponseAsync();

        Assert.True(response.IsChunked);
        Assert.Equal("hello world", response.BodyText);
        Assert.Equal([new("X-Trailer", "t")], response.Trailers);
        await _client.AssertNoStrayBytesAsync(Quiet);
    }

    [Fact]
    public async Task Bytes_beyond_the_content_length_are_stray()
    {
        await ServerWritesAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokXX");

        Assert.Equal("ok", (await _client.ReadResponseAsync()).BodyText);
        var violation = await Assert.ThrowsAsync<ProtocolViolationException>(() => _client.AssertNoStrayBytesAsync(Quiet));
        Assert.Contains("2 stray bytes", violation.Message);
        Assert.Contains("\"XX\"", violation.Message);
    }

    [Fact]
    public async Task Bytes_arriving_after_a_complete_response_are_stray()
    {
        await ServerWritesAsync("HTTP/1.1 204 No Content\r\n\r\n");
        await _client.ReadResponseAsync();

        // Written only once the response has been read, so they reach the client during the quiet period.
        await ServerWritesAsync("\r\n0\r\n\r\n");

        var violation = await Assert.ThrowsAsync<ProtocolViolationException>(() => _client.AssertNoStrayBytesAsync(TimeSpan.FromSeconds(2)));
        Assert.Contains("\\r\\n0", violation.Message);
    }

    [Fact]
    public async Task The_next_response_on_the_connection_still_parses_after_a_quiet_check()
    {
        await ServerWritesAsync("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1");
        await _client.ReadResponseAsync();
        await _client.AssertNoStrayBytesAsync(Quiet);

        await ServerWritesAsync("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n2");

        Assert.Equal("2", (await _client.ReadResponseAsync()).BodyText);
    }

    [Theory]
    [InlineData("garbage\r\n\r\n")]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("XX")]
    public async Task A_next_response_that_does_not_start_with_HTTP_1_1_fails_at_once(string next)
    {
        await ServerWritesAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        await _client.ReadResponseAsync();
        await ServerWritesAsync(next);

        var violation = await Assert.ThrowsAsync<ProtocolViolationException>(() => _client.ReadResponseAsync());

        Assert.Contains("does not start with 'HTTP/1.1 '", violation.Message);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n", "bare LF")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\r\n\r\n", "bare CR")]
    [InlineData("HTTP/1.1 2000 OK\r\n\r\n", "malformed status line")]
    [InlineData("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "malformed header field")]
    [InlineData("HTTP/1.1 200 OK\r\n folded\r\n\r\n", "malformed header field")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", "Content-Length '1, 2'")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n", "both Transfer-Encoding and Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nz\r\n", "malformed chunk size")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", "chunk data longer than its size")]
    public async Task Broken_framing_fails_with_what_is_wrong(string response, string expected)
    {
        await ServerWritesAsync(response);

        var violation = await Assert.ThrowsAsync<ProtocolViolationException>(() => _client.ReadResponseAsync());

        Assert.Contains(expected, violation.Message);
    }

    [Fact]
    public async Task A_body_cut_short_by_the_server_closing_fails_and_the_close_is_reported()
    {
        await ServerWritesAsync("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        _server.Shutdown(SocketShutdown.Send);

        var violation = await Assert.ThrowsAsync<ProtocolViolationException>(() => _client.ReadResponseAsync());

        Assert.Contains("closed the connection after 3 of 10 body bytes", violation.Message);
        Assert.Equal(RawHttpConnectionState.ClosedByServer, _client.State);
    }

    [Fact]
    public async Task A_close_after_a_complete_response_is_no_stray_byte_but_no_further_response_comes()
    {
        await ServerWritesAsync("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        _server.Shutdown(SocketShutdown.Send);

        Assert.True((await _client.ReadResponseAsync()).ConnectionClose);
        await _client.AssertNoStrayBytesAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(RawHttpConnectionState.ClosedByServer, _client.State);
        await Assert.ThrowsAsync<EndOfStreamException>(() => _client.ReadResponseAsync());
    }

    [Fact]
    public async Task A_reset_is_reported()
    {
        await ServerWritesAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        await _client.ReadResponseAsync();

        // Linger 0: closing sends RST instead of FIN, as when a server aborts a connection.
        _server.LingerState = new LingerOption(true, 0);
        _server.Close();

        await _client.AssertNoStrayBytesAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(RawHttpConnectionState.ResetByServer, _client.State);
    }

    [Fact]
    public async Task A_response_that_never_completes_times_out_with_what_arrived()
    {
        _client.ReadTimeout = TimeSpan.FromMilliseconds(200);
        await ServerWritesAsync("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab");

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => _client.ReadResponseAsync());

        Assert.Contains("Content-Length: 5\\r\\n\\r\\nab", timeout.Message);
    }

    [Fact]
    public async Task A_request_goes_out_with_host_and_content_length_added()
    {
        await _client.WriteRequestAsync("POST", "/path?q=1", [("Cookie", "sessionid=abc")], "body"u8.ToArray());

        var request = await ServerReadsAsync("body".Length);

        Assert.Equal(
            $"POST /path?q=1 HTTP/1.1\r\nHost: {_listener.LocalEndpoint}\r\nCookie: sessionid=abc\r\nContent-Length: 4\r\n\r\nbody",
            request);
    }

    private async Task ServerWritesAsync(string response) => await _server.SendAsync(Encoding.Latin1.GetBytes(response));

    // Reads the head of one request and then bodyLength more bytes.
    private async Task<string> ServerReadsAsync(int bodyLength)
    {
        var received = new List<byte>();
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        while (true)
        {
            var text = Encoding.Latin1.GetString(received.ToArray());
            var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (headEnd >= 0 && received.Count >= headEnd + 4 + bodyLength)
            {
                return text;
            }

            var read = await _server.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            Assert.NotEqual(0, read);
            received.AddRange(buffer.AsSpan(0, read));
        }
    }
}
