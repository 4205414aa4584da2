using System.Buffers;
using System.Text;
using System.Text.Json;

namespace TypedSessions.Serialization;

/// <summary>Runs a codec over JSON text.</summary>
/// <remarks>
/// Every read and every change check of a request goes through here, so neither allocates more than the text it
/// returns: writes go through <see cref="ScratchJsonWriter"/>, reads transcode into stack or pooled memory.
/// </remarks>
internal static class SessionJson
{
    // Values up to this size are transcoded on the stack; larger ones borrow from the array pool.
    private const int StackTranscodeLimit = 256;

    public static string Serialize<T>(T value, SessionValueCodec<T> codec, JsonSerializerOptions options)
    {
        using var scratch = ScratchJsonWriter.Rent();
        codec.Write(scratch.Writer, value, options);
        return Encoding.UTF8.GetString(scratch.WrittenSpan);
    }

    /// <summary>
    /// Serializes <paramref name="value"/> unless it serializes to exactly <paramref name="text"/>: then it returns
    /// <see langword="null"/> having allocated nothing, which is the common case of a value read and left alone.
    /// </summary>
    public static string? SerializeUnlessEqual<T>(T value, SessionValueCodec<T> codec, JsonSerializerOptions options, string text)
    {
        using var scratch = ScratchJsonWriter.Rent();
        codec.Write(scratch.Writer, value, options);
        var written = scratch.WrittenSpan;
        return IsText(written, text) ? null : Encoding.UTF8.GetString(written);
    }

    public static T Deserialize<T>(string json, SessionValueCodec<T> codec, JsonSerializerOptions options)
    {
        var maxLength = Encoding.UTF8.GetMaxByteCount(json.Length);
        byte[]? rented = null;
        var buffer = maxLength <= StackTranscodeLimit ? stackalloc byte[StackTranscodeLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, buffer);
            var reader = new Utf8JsonReader(buffer[..length]);
            if (!reader.Read())
            {
                throw new JsonException("The stored value is empty.");
            }

            return codec.Read(ref reader, options);
        }
        finally
        {
            if (rented is not null)
            {
                // Session values may be personal data: nothing of them stays behind in a shared pool.
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    private static bool IsText(ReadOnlySpan<byte> utf8, string text)
    {
        if (Encoding.UTF8.GetCharCount(utf8) != text.Length)
        {
            return false;
        }

        char[]? rented = null;
        var chars = text.Length <= StackTranscodeLimit ? stackalloc char[StackTranscodeLimit] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            var length = Encoding.UTF8.GetChars(utf8, chars);
            return chars[..length].SequenceEqual(text);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented, clearArray: true);
            }
        }
    }
}
