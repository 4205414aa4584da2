using System.Text;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>One HTTP/1.1 response exactly as <see cref="RawHttpConnection"/> read it off the wire.</summary>
public sealed record RawHttpResponse
{
    public required int StatusCode { get; init; }

    public required string ReasonPhrase { get; init; }

    /// <summary>The header fields in wire order, repeated names kept apart (Set-Cookie).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    /// <summary>The trailer fields of a chunked body; empty otherwise.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Trailers { get; init; }

    /// <summary>The body, de-chunked when <see cref="IsChunked"/>.</summary>
    public required byte[] Body { get; init; }

    public required bool IsChunked { get; init; }

    /// <summary>From the request's first byte written (or, with no request, the first read) to the response's last byte read.</summary>
    public required TimeSpan Elapsed { get; init; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Whether the server announced it closes the connection after this response.</summary>
    public bool ConnectionClose => GetValues("Connection").Any(value => value.Split(',').Any(token => token.Trim().Equals("close", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The values of every field named <paramref name="name"/> (case-insensitive), in wire order.</summary>
    public IReadOnlyList<string> GetValues(string name) =>
        Headers.Where(header => header.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).ToList();

    /// <summary>The value of the one field named <paramref name="name"/>, null when absent; throws when repeated.</summary>
    public string? GetValue(string name) => GetValues(name) switch
    {
        [] => null,
        [var value] => value,
        var values => throw new InvalidOperationException($"{values.Count} '{name}' fields, expected at most one:\n{this}"),
    };

    /// <summary>The status line and the header fields, for assertion messages.</summary>
    public override string ToString() =>
        $"HTTP/1.1 {StatusCode} {ReasonPhrase}\n{string.Join('\n', Headers.Select(header => $"{header.Key}: {header.Value}"))}\n({Body.Length} body bytes)";
}
