using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace TypedSessions.Engine;

/// <summary>
/// Tells the first occurrence of an event about one stored record from its repeats: an event is first when the same
/// event about the same record (and subject, such as a session key) was not first within the last window. A damaged
/// session is read on every request its browser sends; this keeps that to one Warning per window.
/// </summary>
/// <remarks>
/// Memory is bounded: at most <c>capacity</c> events are remembered, each as a 128-bit hash (a record id can be a whole
/// cookie), and when full the oldest is forgotten first, so an event may then be first again before its window ends.
/// Every entry lives one window, so the order they were added in is the order they expire in.
/// </remarks>
internal sealed class RepeatedEventLimiter(TimeProvider time, TimeSpan window, int capacity)
{
    /// <summary>How long an event stays a repeat after its first occurrence: an hour.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(1);

    /// <summary>How many events are remembered at most: ten thousand, about a megabyte.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly Dictionary<UInt128, DateTimeOffset> _until = [];
    private readonly Queue<(UInt128 Event, DateTimeOffset Until)> _byAge = new();
    private readonly Lock _lock = new();

    /// <summary>Creates a limiter with <see cref="DefaultWindow"/> and <see cref="DefaultCapacity"/>.</summary>
    public RepeatedEventLimiter(TimeProvider time)
        : this(time, DefaultWindow, DefaultCapacity)
    {
    }

    /// <summary>How many events are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _until.Count;
            }
        }
    }

    /// <summary>
    /// Whether this occurrence of event <paramref name="eventId"/> about <paramref name="recordId"/> (and
    /// <paramref name="subject"/>) is the first within the window; if so, later ones within the window are not.
    /// </summary>
    public bool IsFirst(int eventId, string recordId, string? subject = null)
    {
        var key = Hash(eventId, recordId, subject);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            ForgetExpired(now);
            if (_until.TryGetValue(key, out var until) && until > now)
            {
                return false;
            }

            while (_until.Count >= capacity && _byAge.TryDequeue(out var oldest))
            {
                Forget(oldest);
            }

            _until[key] = now + window;
            _byAge.Enqueue((key, now + window));
            return true;
        }
    }

    private void ForgetExpired(DateTimeOffset now)
    {
        while (_byAge.TryPeek(out var oldest) && oldest.Until <= now)
        {
            Forget(_byAge.Dequeue());
        }
    }

    // A queue entry older than the event's latest first occurrence no longer decides anything.
    private void Forget((UInt128 Event, DateTimeOffset Until) entry)
    {
        if (_until.TryGetValue(entry.Event, out var until) && until == entry.Until)
        {
            _until.Remove(entry.Event);
        }
    }

    private static UInt128 Hash(int eventId, string recordId, string? subject)
    {
        var text = string.Concat(eventId.ToString(System.Globalization.CultureInfo.InvariantCulture), "\n", recordId, "\n", subject);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
