using System.Text.Json;
using CsCheck;
using TypedSessions.Serialization;
using TypedSessions.Stores;

namespace TypedSessions.Tests.Serialization;

/// <summary>
/// Every codec of <see cref="SessionCodecs"/>, on random values (CsCheck): what is written, stored as a store stores it
/// (one JSON object of all keys) and read back is equal to what was written, nullable and collection forms included.
/// </summary>
public sealed class CodecRoundTripPropertyTests
{
    private const long Iterations = 2_000;

    private static readonly JsonSerializerOptions Options = SessionJsonOptions();

    [Fact]
    public void Booleans_and_integers_round_trip()
    {
        RoundTrips(Gen.Bool, SessionCodecs.Boolean);
        RoundTrips(Gen.Byte, SessionCodecs.Byte);
        RoundTrips(Gen.SByte, SessionCodecs.SByte);
        RoundTrips(Gen.Short, SessionCodecs.Int16);
        RoundTrips(Gen.UShort, SessionCodecs.UInt16);
        RoundTrips(Gen.Int, SessionCodecs.Int32);
        RoundTrips(Gen.UInt, SessionCodecs.UInt32);
        RoundTrips(Gen.Long, SessionCodecs.Int64);
        RoundTrips(Gen.ULong, SessionCodecs.UInt64);
    }

    [Fact]
    public void Finite_floating_point_numbers_and_decimals_round_trip_exactly()
    {
        RoundTrips(Gen.Float.Where(float.IsFinite), SessionCodecs.Single);
        RoundTrips(Gen.Double.Where(double.IsFinite), SessionCodecs.Double);
        RoundTrips(Gen.Decimal, SessionCodecs.Decimal, (written, read) => written == read && written.Scale == read.Scale);
    }

    [Fact]
    public void Characters_and_strings_of_valid_text_round_trip()
    {
        RoundTrips(Gen.Char.Where(c => !char.IsSurrogate(c)), SessionCodecs.Char);
        RoundTrips(Gen.String.Where(IsValidText), SessionCodecs.String);
    }

    [Fact]
    public void Guids_dates_times_and_durations_round_trip_with_kind_and_offset()
    {
        RoundTrips(Gen.Guid, SessionCodecs.Guid);
        RoundTrips(
            Gen.Select(Gen.DateTime, Gen.Enum<DateTimeKind>(), DateTime.SpecifyKind),
            SessionCodecs.DateTime,
            (written, read) => written.Ticks == read.Ticks && written.Kind == read.Kind);
        RoundTrips(Gen.DateTimeOffset, SessionCodecs.DateTimeOffset, (written, read) => written.EqualsExact(read));
        RoundTrips(Gen.TimeSpan, SessionCodecs.TimeSpan);
        RoundTrips(Gen.DateOnly, SessionCodecs.DateOnly);
        RoundTrips(Gen.TimeOnly, SessionCodecs.TimeOnly);
    }

    [Fact]
    public void Enums_round_trip_by_name_including_undefined_and_combined_flag_values()
    {
        RoundTrips(Gen.Enum<DayOfWeek>(), SessionCodecs.Enum<DayOfWeek>());
        RoundTrips(Gen.Int.Select(value => (DayOfWeek)value), SessionCodecs.Enum<DayOfWeek>());
        RoundTrips(Gen.Int[0, 63].Select(value => (Access)value), SessionCodecs.Enum<Access>());
        RoundTrips(Gen.Long.Select(value => (Wide)value), SessionCodecs.Enum<Wide>());
    }

    [Fact]
    public void Nullable_values_and_nullable_references_round_trip_null_and_values()
    {
        RoundTrips(Gen.Int.Nullable(), SessionCodecs.Nullable(SessionCodecs.Int32));
        RoundTrips(Gen.Decimal.Nullable(), SessionCodecs.Nullable(SessionCodecs.Decimal));
        RoundTrips(Gen.Guid.Nullable(), SessionCodecs.Nullable(SessionCodecs.Guid));
        RoundTrips(Gen.DateTimeOffset.Nullable(), SessionCodecs.Nullable(SessionCodecs.DateTimeOffset), (written, read) => written is null ? read is null : read is { } value && written.Value.EqualsExact(value));
        RoundTrips(Gen.Enum<DayOfWeek>().Nullable(), SessionCodecs.Nullable(SessionCodecs.Enum<DayOfWeek>()));
        RoundTrips(Gen.String.Where(IsValidText).Null(), SessionCodecs.OrNull(SessionCodecs.String));
        RoundTrips(Shipments.Null(), SessionCodecs.OrNull(SessionCodecs.Json<Shipment>()));
    }

    [Fact]
    public void Arrays_and_lists_round_trip_with_nullable_elements_and_nesting()
    {
        RoundTrips(Gen.Int.Array, SessionCodecs.Array(SessionCodecs.Int32), SameElements);
        RoundTrips(Gen.Long.List, SessionCodecs.List(SessionCodecs.Int64), SameElements);
        RoundTrips(Gen.String.Where(IsValidText).Null().List, SessionCodecs.List(SessionCodecs.OrNull(SessionCodecs.String)), SameElements);
        RoundTrips(Gen.Double.Where(double.IsFinite).Nullable().Array, SessionCodecs.Array(SessionCodecs.Nullable(SessionCodecs.Double)), SameElements);
        RoundTrips(Gen.Enum<DayOfWeek>().List, SessionCodecs.List(SessionCodecs.Enum<DayOfWeek>()), SameElements);
        RoundTrips(
            Gen.Int.Array.List,
            SessionCodecs.List(SessionCodecs.Array(SessionCodecs.Int32)),
            (written, read) => written.Count == read.Count && written.Zip(read).All(pair => pair.First.SequenceEqual(pair.Second)));
        RoundTrips(Gen.Int.Array.Null(), SessionCodecs.OrNull(SessionCodecs.Array(SessionCodecs.Int32)), (written, read) => written is null ? read is null : read is not null && written.SequenceEqual(read));
    }

    [Fact]
    public void A_record_through_System_Text_Json_round_trips_alone_nullable_and_in_a_list()
    {
        RoundTrips(Shipments, SessionCodecs.Json<Shipment>());
        RoundTrips(Shipments.List, SessionCodecs.List(SessionCodecs.Json<Shipment>()), SameElements);
        RoundTrips(Shipments.Array, SessionCodecs.Json<Shipment[]>(), SameElements);
    }

    [Fact]
    public void Text_with_a_lone_surrogate_is_stored_with_a_replacement_character_in_its_place()
    {
        // JSON text is UTF-8, which cannot hold a lone surrogate: System.Text.Json writes U+FFFD instead, so what is
        // stored is always readable text.
        var withLoneSurrogates = Gen.Select(Gen.String.Where(IsValidText), Gen.Char['\ud800', '\udfff'], Gen.String.Where(IsValidText), (before, surrogate, after) => before + surrogate + after)
            .Where(text => !IsValidText(text));
        RoundTripsAs(withLoneSurrogates, SessionCodecs.String, ReplaceLoneSurrogates);
        RoundTripsAs(Gen.Char['\ud800', '\udfff'], SessionCodecs.Char, _ => '\uFFFD');
    }

    [Fact]
    public async Task Non_finite_numbers_are_refused_when_set_and_never_stored()
    {
        await using var services = new Infrastructure.SessionServices();
        var session = await services.Manager.OpenAsync(null);

        foreach (var number in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            Assert.Throws<ArgumentException>(() => session.SetValue("number", number, SessionCodecs.Double));
            Assert.Throws<ArgumentException>(() => session.SetValue("single", (float)number, SessionCodecs.Single));
            Assert.Throws<ArgumentException>(() => session.Set("untyped", number));
        }

        Assert.Empty(session.Keys);
    }

    [Fact]
    public void Merge_rules_leave_what_a_codec_writes_and_reads_unchanged()
    {
        var plain = SessionCodecs.List(SessionCodecs.Json<Shipment>());
        var withRules = SessionCodecs.WithMergeRules(plain, nameof(Shipment.Id), SessionConflict.Reject);

        Shipments.List.Sample(
            shipments => Assert.Equal(SessionJson.Serialize(shipments, plain, Options), SessionJson.Serialize(shipments, withRules, Options)),
            iter: Iterations);
        RoundTrips(Shipments.List, withRules, SameElements);
    }

    private static Gen<Shipment> Shipments { get; } = Gen.Select(
        Gen.String.Where(IsValidText),
        Gen.Int,
        Gen.Decimal,
        Gen.Select(Gen.String.Where(IsValidText), Gen.String.Where(IsValidText).Null(), (city, street) => new Destination(city, street)).Null(),
        Gen.DateTimeOffset.Select(at => at.ToUniversalTime()).Nullable(),
        Gen.Enum<DayOfWeek>(),
        (id, quantity, price, destination, at, day) => new Shipment(id, quantity, price, destination, at, day));

    private static void RoundTrips<T>(Gen<T> values, SessionValueCodec<T> codec, Func<T, T, bool>? equal = null)
        => RoundTripsAs(values, codec, value => value, equal);

    // Written, stored as every store stores a session (one JSON object of all keys), and read back as expected.
    private static void RoundTripsAs<T>(Gen<T> values, SessionValueCodec<T> codec, Func<T, T> expected, Func<T, T, bool>? equal = null)
        => values.Sample(
            value =>
            {
                var json = SessionJson.Serialize(value, codec, Options);
                var stored = SessionDataFormat.Decode(SessionDataFormat.Encode(new Dictionary<string, string> { ["key"] = json }))["key"];
                var read = SessionJson.Deserialize(stored, codec, Options);
                Assert.True(
                    equal?.Invoke(expected(value), read) ?? EqualityComparer<T>.Default.Equals(expected(value), read),
                    $"{typeof(T).Name} {Describe(value)} was written as {json} and read back as {Describe(read)}.");
            },
            iter: Iterations);

    private static string ReplaceLoneSurrogates(string text)
    {
        var replaced = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                replaced.Append(text, i++, 2);
            }
            else
            {
                replaced.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }

        return replaced.ToString();
    }

    private static bool SameElements<T>(IEnumerable<T> written, IEnumerable<T> read) => written.SequenceEqual(read);

    // What a string must be to be stored at all: JSON text is UTF-8, which has no lone surrogates.
    private static bool IsValidText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe<T>(T value) => value is System.Collections.IEnumerable items and not string
        ? "[" + string.Join(", ", items.Cast<object?>()) + "]"
        : $"{value}";

    private static JsonSerializerOptions SessionJsonOptions()
    {
        var options = new TypedSessionsOptions().JsonSerializerOptions;
        JsonResolverDefaults.EnsureTypeInfoResolver(options);
        return options;
    }

    [Flags]
    public enum Access
    {
        None = 0,
        Read = 1,
        Write = 2,
        Delete = 4,
        Admin = 8,
    }

    public enum Wide : long
    {
        Small = 1,
        Large = long.MaxValue,
    }

    public sealed record Destination(string City, string? Street);

    public sealed record Shipment(string Id, int Quantity, decimal Price, Destination? Destination, DateTimeOffset? At, DayOfWeek Day);
}
