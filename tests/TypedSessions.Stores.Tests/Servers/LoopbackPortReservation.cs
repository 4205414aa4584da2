using System.Net;
using System.Net.Sockets;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// Holds a loopback TCP port for a server that is stopped and restarted: a socket bound to the port (with
/// <c>SO_REUSEADDR</c>) that never listens. While it is held, the kernel hands the port to no one asking for an ephemeral
/// port (<c>bind(0)</c>, outgoing connections), yet the server can bind it again (redis-server and PostgreSQL both set
/// <c>SO_REUSEADDR</c>), and while the server is down a connection attempt is refused, as with a crashed server.
/// </summary>
public sealed class LoopbackPortReservation : IDisposable
{
    private readonly Socket _socket;

    private LoopbackPortReservation(Socket socket)
    {
        _socket = socket;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    /// <summary>Reserves a port the kernel picks among the free ephemeral ones.</summary>
    public static LoopbackPortReservation Reserve()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return new LoopbackPortReservation(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _socket.Dispose();
}
