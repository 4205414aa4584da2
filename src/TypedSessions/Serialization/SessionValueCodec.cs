using System.ComponentModel;
using System.Text.Json;

namespace TypedSessions.Serialization;

/// <summary>
/// Reads and writes one type as the UTF-8 JSON of a session value. For generated code, which composes the codecs of
/// <see cref="SessionCodecs"/>; not meant to be used or derived from by hand. Generated code is compiled against it,
/// so its shape is kept stable.
/// </summary>
/// <typeparam name="T">The value type, with its nullable annotation.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class SessionValueCodec<T>
{
    /// <summary>
    /// Whether a value handed out can be changed in place (a list, a dictionary, a class), so that the session
    /// must compare its serialized form at commit to notice the change.
    /// </summary>
    public virtual bool IsMutable => false;

    /// <summary>Reads a value; the reader is positioned on the value's first token.</summary>
    /// <exception cref="JsonException">The JSON does not fit <typeparamref name="T"/>.</exception>
    public abstract T Read(ref Utf8JsonReader reader, JsonSerializerOptions options);

    /// <summary>Writes <paramref name="value"/>.</summary>
    public abstract void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options);
}
