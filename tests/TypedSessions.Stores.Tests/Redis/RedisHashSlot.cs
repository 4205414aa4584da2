using System.Text;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// The Redis Cluster hash slot of a key (CRC16/XMODEM mod 16384, of the hash tag when there is one), computed here
/// because a multiplexer connected to a standalone server does not compute slots.
/// </summary>
internal static class RedisHashSlot
{
    public static int Of(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key).AsSpan();
        var open = bytes.IndexOf((byte)'{');
        if (open >= 0)
        {
            var close = bytes[(open + 1)..].IndexOf((byte)'}');
            if (close > 0)
            {
                bytes = bytes.Slice(open + 1, close);
            }
        }

        ushort crc = 0;
        foreach (var b in bytes)
        {
            crc ^= (ushort)(b << 8);
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }
        }

        return crc % 16384;
    }
}
