namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>What the server has done to a <see cref="RawHttpConnection"/>, as far as its reads have seen.</summary>
public enum RawHttpConnectionState
{
    Open,

    /// <summary>The server closed its side cleanly (FIN): a read returned no bytes.</summary>
    ClosedByServer,

    /// <summary>The server aborted the connection (RST).</summary>
    ResetByServer,
}
