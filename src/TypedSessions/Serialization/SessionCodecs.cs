using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using TypedSessions.Serialization.Codecs;

namespace TypedSessions.Serialization;

/// <summary>
/// The codecs that generated code composes for property types: the common types are read and written directly
/// with <see cref="Utf8JsonReader"/> and <see cref="Utf8JsonWriter"/>, everything else through
/// System.Text.Json (<see cref="Json{T}"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SessionCodecs
{
    /// <summary><see cref="bool"/>.</summary>
    public static SessionValueCodec<bool> Boolean { get; } = new PrimitiveCodec<bool>(static (ref Utf8JsonReader r) => r.GetBoolean(), static (w, v) => w.WriteBooleanValue(v));

    /// <summary><see cref="byte"/>.</summary>
    public static SessionValueCodec<byte> Byte { get; } = new PrimitiveCodec<byte>(static (ref Utf8JsonReader r) => r.GetByte(), static (w, v) => w.WriteNumberValue(v));

    /// <summary><see cref="sbyte"/>.</summary>
    public static SessionValueCodec<sbyte> SByte { get; } = new PrimitiveCodec<sbyte>(static (ref Utf8JsonReader r) => r.GetSByte(), static (w, v) => w.WriteNumberValue(v));

    /// <summary><see cref="short"/>.</summary>
    public static SessionValueCodec<short> Int16 { get; } = new PrimitiveCodec<short>(static (ref Utf8JsonReader r) => r.GetInt16(), static (w, v) => w.WriteNumberValue(v));

    /// <summary><see cref="ushort"/>.</summary>
    public static SessionValueCodec<ushort> UInt16 { get; } = new PrimitiveCodec<ushort>(static (ref Utf8JsonReader r) => r.GetUInt16(), static (w, v) => w.WriteNumberValue(v));

    /// <summary><see cref="int"/>.</summary>
    public static SessionValueCodec<int> Int32 { get; } = new PrimitiveCodec<int>(static (ref Utf8JsonReader r) => r.GetInt32(), static (w, v) => w.WriteNumberValue(v));

    /// <summary><see cref="uint"/>.</summary>
    public static SessionValueCodec<uint> UInt32 { get; } = new PrimitiveCodec<uint>(static (ref Utf8JsonReader r) => r.GetUInt32(), static (w, v) => w.WriteNumberValue(v));

    /// <summary><see cref="long"/>.</summary>
    public static SessionValueCodec<long> Int64 { get; } = new PrimitiveCodec<long>(static (ref Utf8JsonReader r) => r.GetInt64(), static (w, v) => w.WriteNumberValue(v));

    /// <summary><see cref="ulong"/>.</summary>
    public static SessionValueCodec<ulong> UInt64 { get; } = new PrimitiveCodec<ulong>(static (ref Utf8JsonReader r) => r.GetUInt64(), static (w, v) => w.WriteNumberValue(v));

    /// <summary><see cref="float"/>.</summary>
    public static SessionValueCodec<float> Single { get; } = new PrimitiveCodec<float>(static (ref Utf8JsonReader r) => r.GetSingle(), static (w, v) => w.WriteNumberValue(v));

    /// <summary><see cref="double"/>.</summary>
    public static SessionValueCodec<double> Double { get; } = new PrimitiveCodec<double>(static (ref Utf8JsonReader r) => r.GetDouble(), static (w, v) => w.WriteNumberValue(v));

    /// <summary><see cref="decimal"/>.</summary>
    public static SessionValueCodec<decimal> Decimal { get; } = new PrimitiveCodec<decimal>(static (ref Utf8JsonReader r) => r.GetDecimal(), static (w, v) => w.WriteNumberValue(v));

    /// <summary><see cref="char"/>, as a one-character string.</summary>
    public static SessionValueCodec<char> Char { get; } = new PrimitiveCodec<char>(ReadChar, static (w, v) => w.WriteStringValue([v]));

    /// <summary>A non-null <see cref="string"/>; wrap it in <see cref="OrNull{T}"/> for <c>string?</c>.</summary>
    public static SessionValueCodec<string> String { get; } = new PrimitiveCodec<string>(ReadString, static (w, v) => w.WriteStringValue(v));

    /// <summary><see cref="System.Guid"/>.</summary>
    public static SessionValueCodec<Guid> Guid { get; } = new PrimitiveCodec<Guid>(static (ref Utf8JsonReader r) => r.GetGuid(), static (w, v) => w.WriteStringValue(v));

    /// <summary><see cref="System.DateTime"/>, ISO 8601 with its kind preserved.</summary>
    public static SessionValueCodec<DateTime> DateTime { get; } = new PrimitiveCodec<DateTime>(static (ref Utf8JsonReader r) => r.GetDateTime(), static (w, v) => w.WriteStringValue(v));

    /// <summary><see cref="System.DateTimeOffset"/>, ISO 8601 with its offset.</summary>
    public static SessionValueCodec<DateTimeOffset> DateTimeOffset { get; } = new PrimitiveCodec<DateTimeOffset>(static (ref Utf8JsonReader r) => r.GetDateTimeOffset(), static (w, v) => w.WriteStringValue(v));

    /// <summary><see cref="System.TimeSpan"/>, in the invariant constant format (<c>d.hh:mm:ss.fffffff</c>).</summary>
    public static SessionValueCodec<TimeSpan> TimeSpan { get; } = new PrimitiveCodec<TimeSpan>(
        static (ref Utf8JsonReader r) => System.TimeSpan.ParseExact(ReadString(ref r), "c", CultureInfo.InvariantCulture),
        static (w, v) => w.WriteStringValue(v.ToString("c", CultureInfo.InvariantCulture)));

    /// <summary><see cref="System.DateOnly"/>, as <c>yyyy-MM-dd</c>.</summary>
    public static SessionValueCodec<DateOnly> DateOnly { get; } = new PrimitiveCodec<DateOnly>(
        static (ref Utf8JsonReader r) => System.DateOnly.ParseExact(ReadString(ref r), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        static (w, v) => w.WriteStringValue(v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));

    /// <summary><see cref="System.TimeOnly"/>, as <c>HH:mm:ss.fffffff</c>.</summary>
    public static SessionValueCodec<TimeOnly> TimeOnly { get; } = new PrimitiveCodec<TimeOnly>(
        static (ref Utf8JsonReader r) => System.TimeOnly.ParseExact(ReadString(ref r), "HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        static (w, v) => w.WriteStringValue(v.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture)));

    /// <summary>An enum, stored by member name.</summary>
    public static SessionValueCodec<T> Enum<T>()
        where T : struct, System.Enum
        => EnumCache<T>.Codec;

    /// <summary>A <see cref="Nullable{T}"/> of a struct codec.</summary>
    public static SessionValueCodec<T?> Nullable<T>(SessionValueCodec<T> inner)
        where T : struct
        => new NullableValueCodec<T>(inner);

    /// <summary>A nullable reference type over the codec of its non-null form.</summary>
    public static SessionValueCodec<T?> OrNull<T>(SessionValueCodec<T> inner)
        where T : class
        => new NullableReferenceCodec<T>(inner);

    /// <summary>An array whose elements use <paramref name="element"/>.</summary>
    public static SessionValueCodec<T[]> Array<T>(SessionValueCodec<T> element) => new ArrayCodec<T>(element);

    /// <summary>A <see cref="List{T}"/> whose elements use <paramref name="element"/>.</summary>
    public static SessionValueCodec<List<T>> List<T>(SessionValueCodec<T> element) => new ListCodec<T>(element);

    /// <summary>
    /// <paramref name="inner"/>, with how concurrent changes of the key merge under <see cref="SessionConcurrency.Merge"/>
    /// (from <see cref="SessionKeyAttribute.Identity"/> and <see cref="SessionKeyAttribute.OnConflict"/>).
    /// </summary>
    /// <param name="inner">The codec of the value.</param>
    /// <param name="identity">The property that tells apart the elements of the value's collections, or <see langword="null"/> for the <c>Id</c> convention.</param>
    /// <param name="onConflict">What to do with a value inside the key that both saves changed.</param>
    public static SessionValueCodec<T> WithMergeRules<T>(SessionValueCodec<T> inner, string? identity, SessionConflict onConflict)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (identity is { Length: 0 })
        {
            throw new ArgumentException("An identity property needs a name; pass null for the Id convention.", nameof(identity));
        }

        if (!System.Enum.IsDefined(onConflict))
        {
            throw new ArgumentOutOfRangeException(nameof(onConflict), onConflict, "Not a SessionConflict value.");
        }

        return new MergeRulesCodec<T>(inner, Merging.JsonMergeRules.ForKey(identity, onConflict));
    }

    /// <summary>Any other type, through System.Text.Json with the options of <see cref="TypedSessionsOptions.JsonSerializerOptions"/>.</summary>
    public static SessionValueCodec<T> Json<T>() => JsonCache<T>.Codec;

    private static string ReadString(ref Utf8JsonReader reader)
        => reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new JsonException($"Expected a JSON string, found {reader.TokenType}.");

    private static char ReadChar(ref Utf8JsonReader reader)
    {
        var text = ReadString(ref reader);
        return text.Length == 1 ? text[0] : throw new JsonException("Expected a one-character string.");
    }

    private static class EnumCache<T>
        where T : struct, System.Enum
    {
        public static readonly SessionValueCodec<T> Codec = new EnumCodec<T>();
    }

    private static class JsonCache<T>
    {
        public static readonly SessionValueCodec<T> Codec = new JsonSerializerCodec<T>();
    }
}
