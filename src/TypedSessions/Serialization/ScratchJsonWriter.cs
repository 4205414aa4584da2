using System.Buffers;
using System.Text.Json;

namespace TypedSessions.Serialization;

/// <summary>
/// A JSON writer over a growable buffer, kept per thread and lent out for one serialization: every value a request
/// reads, checks or saves is written through one, so the only allocation left is the result the caller keeps.
/// </summary>
/// <remarks>
/// A lease takes the thread's writer for its lifetime, so a codec that serializes a nested value while one is out gets
/// a fresh writer instead of corrupting the outer one. The written bytes may be personal data: they are cleared when
/// the lease ends, and a buffer grown past <see cref="MaxRetainedSize"/> by an unusually large value is let go.
/// </remarks>
internal sealed class ScratchJsonWriter
{
    private const int InitialSize = 256;
    private const int MaxRetainedSize = 64 * 1024;

    [ThreadStatic]
    private static ScratchJsonWriter? t_cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(InitialSize);

    private ScratchJsonWriter() => Writer = new Utf8JsonWriter(_buffer);

    public Utf8JsonWriter Writer { get; }

    /// <summary>What was written so far (the writer is flushed first).</summary>
    public ReadOnlySpan<byte> WrittenSpan
    {
        get
        {
            Writer.Flush();
            return _buffer.WrittenSpan;
        }
    }

    public static Lease Rent()
    {
        var scratch = t_cached ?? new ScratchJsonWriter();
        t_cached = null;
        return new Lease(scratch);
    }

    private void Return()
    {
        if (_buffer.Capacity > MaxRetainedSize)
        {
            return;
        }

        _buffer.Clear();
        Writer.Reset(_buffer);
        t_cached = this;
    }

    /// <summary>One use of the thread's writer; disposing it hands the writer back.</summary>
    public readonly struct Lease(ScratchJsonWriter scratch) : IDisposable
    {
        public Utf8JsonWriter Writer => scratch.Writer;

        public ReadOnlySpan<byte> WrittenSpan => scratch.WrittenSpan;

        public void Dispose() => scratch.Return();
    }
}
