using System.Net;

namespace TypedSessions.Redis;

/// <summary>An endpoint as OpenTelemetry's <c>server.address</c> and <c>server.port</c>; a port of 0 (the default, not yet applied) is left out.</summary>
internal static class RedisServerAddress
{
    public static (string? Address, int? Port) Of(EndPoint endPoint) => endPoint switch
    {
        DnsEndPoint dns => (dns.Host, dns.Port > 0 ? dns.Port : null),
        IPEndPoint ip => (ip.Address.ToString(), ip.Port > 0 ? ip.Port : null),
        _ => (null, null),
    };
}
