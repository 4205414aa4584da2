using System.Globalization;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;
using TypedSessions.PostgreSql;
using TypedSessions.Redis;
using TypedSessions.Sqlite;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.Fuzzing;

/// <summary>
/// The pure functions that turn what a server store holds into a record, each on 100,000 random and mutated inputs
/// (<see cref="FuzzInputs"/>): a Redis hash (HGETALL's reply), a SQLite row (any value in any column) and a PostgreSQL
/// row (any <c>timestamptz</c>, any text). No exception escapes; what is found is a record the store can write back
/// and read the same.
/// </summary>
public sealed class StoredRowFuzzTests(ITestOutputHelper output)
{
    private const int Inputs = 100_000;
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly SessionRecord[] Records =
    [
        new(Values(("a", "1")), Now.AddHours(1)),
        new(Values(("Cart.Lines", """[{"id":1,"name":"T\u00e9a","qty":2},{"id":2,"name":"\u4e2d","qty":-1.5e3}]"""), ("_session_expiry", "1209600"), ("cur", "\"EUR\"")), Now.AddDays(14))
        {
            CreatedAt = Now.AddDays(-1), LastSavedAt = Now, UserId = "user-42",
        },
        new(Values(("nested", """{"a":{"b":{"c":[true,false,null,"x\"y\\z"]}}}""")), Now.AddMinutes(1)) { LastSavedAt = Now },
        new(Values(), Now.AddSeconds(1)) { CreatedAt = Now },
    ];

    private static readonly byte[][] ValueObjects = [.. Records.Select(record => Encoding.UTF8.GetBytes(SessionDataFormat.Encode(record.Values)))];

    // Every field value of the corpus hashes, so that a mutation can splice one field's bytes into another's.
    private static readonly byte[][] FieldValues = [.. Records.SelectMany(Hash).Select(entry => (byte[])entry.Value!)];

    [Fact]
    public void The_redis_hash_reader_survives_100000_hostile_hashes()
    {
        var outcomes = new LoadOutcomes();

        var elapsed = FuzzRun.Check(
            Inputs,
            MutatedHash,
            entries =>
            {
                var loaded = RedisSessionHash.Read(entries, Now);
                outcomes.Add(loaded);
                if (loaded.Record is { } record)
                {
                    // Written back as the store writes it (HSET of the create script's field/value pairs), it reads the same.
                    var arguments = RedisSessionScripts.CreateArguments(Now, record);
                    var written = Enumerable.Range(1, (arguments.Length - 2) / 2).Select(i => new HashEntry(arguments[2 * i], arguments[(2 * i) + 1])).ToArray();
                    AssertSameRecord(record, RedisSessionHash.Read(written, Now).Record);
                }
            },
            entries => string.Join(", ", entries.Select(entry => $"{FuzzInputs.Describe((byte[])entry.Name!)} = {FuzzInputs.Describe((byte[])entry.Value!)}")));

        output.WriteLine($"{Inputs:N0} hashes in {elapsed.TotalSeconds:0.00} s: {outcomes}");
        Assert.True(outcomes.Found > 0 && outcomes.Unreadable > 0, $"The inputs should reach both outcomes: {outcomes}");
    }

    [Fact]
    public void The_sqlite_row_reader_survives_100000_hostile_rows()
    {
        var outcomes = new LoadOutcomes();

        var elapsed = FuzzRun.Check(
            Inputs,
            random => new[]
            {
                SqliteValue(random, () => Data(random)),
                SqliteValue(random, () => SqliteTime(random)),
                random.Next(3) == 0 ? DBNull.Value : SqliteValue(random, () => SqliteTime(random)),
                random.Next(3) == 0 ? DBNull.Value : SqliteValue(random, () => SqliteTime(random)),
                SqliteValue(random, () => random.Next(2) == 0 ? DBNull.Value : "user-42"),
                SqliteValue(random, () => random.Next(4) switch { 0 => DBNull.Value, 1 => (long)random.Next(-1, 3), _ => 1L }),
                SqliteValue(random, () => random.Next(2) == 0 ? DBNull.Value : "Mozilla/5.0"),
                SqliteValue(random, () => random.Next(2) == 0 ? DBNull.Value : "192.0.2.1"),
            },
            columns =>
            {
                var loaded = SqliteStoredRecord.Read(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6], columns[7]);
                outcomes.Add(loaded);
                if (loaded.Record is { } record)
                {
                    // Written back as the store writes it (text and Unix milliseconds), it reads the same.
                    AssertSameRecord(record, SqliteStoredRecord.Read(
                        SessionDataFormat.Encode(record.Values),
                        record.ExpiresAt.ToUnixTimeMilliseconds(),
                        (object?)record.CreatedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value,
                        (object?)record.LastSavedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value,
                        (object?)record.UserId ?? DBNull.Value,
                        (long)SessionRecordFormat.CurrentVersion,
                        (object?)record.UserAgent ?? DBNull.Value,
                        (object?)record.RemoteAddress ?? DBNull.Value).Record);
                }
            },
            columns => string.Join(", ", columns.Select(DescribeColumn)));

        output.WriteLine($"{Inputs:N0} rows in {elapsed.TotalSeconds:0.00} s: {outcomes}");
        Assert.True(outcomes.Found > 0 && outcomes.Unreadable > 0, $"The inputs should reach both outcomes: {outcomes}");
    }

    [Fact]
    public void The_postgresql_row_reader_survives_100000_hostile_rows()
    {
        var outcomes = new LoadOutcomes();

        var elapsed = FuzzRun.Check(
            Inputs,
            random => (
                Data: Data(random),
                Expires: PostgreSqlTime(random),
                Created: random.Next(3) == 0 ? (long?)null : PostgreSqlTime(random),
                Saved: random.Next(3) == 0 ? (long?)null : PostgreSqlTime(random),
                User: random.Next(2) == 0 ? null : FuzzInputs.NextString(random, [Encoding.UTF8.GetBytes("user-42")]),
                Version: random.Next(4) switch { 0 => (long?)null, 1 => FuzzInputs.NextLong(random) % 4, _ => 1 },
                Agent: random.Next(2) == 0 ? null : "Mozilla/5.0"),
            row =>
            {
                var loaded = PostgreSqlStoredRecord.Read(row.Data, row.Expires, row.Created, row.Saved, row.User, row.Version, row.Agent, null);
                outcomes.Add(loaded);
                if (loaded.Record is { } record)
                {
                    // Each instant found is exactly the raw value PostgreSQL holds: microseconds since 2000-01-01 UTC.
                    Assert.Equal(row.Expires, Microseconds(record.ExpiresAt));
                    Assert.Equal(row.Created, record.CreatedAt is { } created ? Microseconds(created) : null);
                    Assert.Equal(row.Saved, record.LastSavedAt is { } saved ? Microseconds(saved) : null);
                    AssertSameRecord(record, PostgreSqlStoredRecord.Read(
                        SessionDataFormat.Encode(record.Values), row.Expires, row.Created, row.Saved, record.UserId, SessionRecordFormat.CurrentVersion,
                        record.UserAgent, record.RemoteAddress).Record);
                }
            },
            row => $"data {FuzzInputs.Describe(row.Data)}, expire {row.Expires}, created {row.Created}, saved {row.Saved}, user {(row.User is null ? "null" : FuzzInputs.Describe(row.User))}, version {row.Version}");

        output.WriteLine($"{Inputs:N0} rows in {elapsed.TotalSeconds:0.00} s: {outcomes}");
        Assert.True(outcomes.Found > 0 && outcomes.Unreadable > 0, $"The inputs should reach both outcomes: {outcomes}");
    }

    // Now and then the data as written, so that rows also reach their times with data that reads.
    private static string Data(Random random)
        => random.Next(4) == 0 ? Encoding.UTF8.GetString(ValueObjects[random.Next(ValueObjects.Length)]) : FuzzInputs.NextString(random, ValueObjects);

    private static HashEntry[] Hash(SessionRecord record)
    {
        var arguments = RedisSessionScripts.CreateArguments(Now, record);
        return [.. Enumerable.Range(1, (arguments.Length - 2) / 2).Select(i => new HashEntry(arguments[2 * i], (byte[])arguments[(2 * i) + 1]!))];
    }

    private static HashEntry[] MutatedHash(Random random)
    {
        var entries = Hash(Records[random.Next(Records.Length)]).ToList();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var at = random.Next(entries.Count);
            switch (random.Next(6))
            {
                case 0:
                    entries[at] = new HashEntry(entries[at].Name, FuzzInputs.Next(random, FieldValues));
                    break;
                case 1:
                    entries[at] = new HashEntry(FuzzInputs.Next(random, [(byte[])entries[at].Name!]), entries[at].Value);
                    break;
                case 2:
                    entries.RemoveAt(at);
                    break;
                case 3:
                    // A time field holding any number.
                    var field = new[] { "m:exp", "m:created", "m:saved", "m:ver" }[random.Next(4)];
                    entries.Add(new HashEntry(field, FuzzInputs.NextLong(random).ToString(CultureInfo.InvariantCulture)));
                    break;
                case 4:
                    entries.Add(new HashEntry(entries[at].Name, FuzzInputs.Next(random, FieldValues)));
                    break;
                default:
                    entries.Add(new HashEntry("k:" + FuzzInputs.NextString(random, FieldValues), FuzzInputs.Next(random, FieldValues)));
                    break;
            }

            if (entries.Count == 0)
            {
                break;
            }
        }

        return [.. entries];
    }

    // A column value of SQLite's five storage classes, mostly (four times in five) the kind the column should hold.
    private static object SqliteValue(Random random, Func<object> expected) => random.Next(20) switch
    {
        0 => DBNull.Value,
        1 => FuzzInputs.Next(random, ValueObjects),
        2 => FuzzInputs.NextString(random, [Encoding.UTF8.GetBytes("1893456000000")]),
        3 => random.Next(2) == 0 ? FuzzInputs.NextLong(random) : OddDouble(random),
        _ => expected(),
    };

    // Half the time a time the store could have written, so that rows also get past their times to their data.
    private static object SqliteTime(Random random) => random.Next(4) switch
    {
        0 => OddDouble(random),
        1 => FuzzInputs.NextLong(random),
        _ => random.NextInt64(SessionRecordTime.MinUnixMilliseconds, SessionRecordTime.MaxUnixMilliseconds + 1),
    };

    private static double OddDouble(Random random) => random.Next(8) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        2 => double.NegativeInfinity,
        3 => double.MaxValue,
        4 => SessionRecordTime.MaxUnixMilliseconds + random.NextDouble(),
        5 => SessionRecordTime.MinUnixMilliseconds - random.NextDouble(),
        _ => (random.NextDouble() - 0.5) * 6e14,
    };

    private static long PostgreSqlTime(Random random)
    {
        var edges = new[] { Microseconds(DateTimeOffset.MaxValue), Microseconds(DateTimeOffset.MinValue) };
        return random.Next(4) switch
        {
            0 => edges[random.Next(2)] + random.Next(-2, 3),
            1 => FuzzInputs.NextLong(random),
            _ => random.NextInt64(edges[1], edges[0] + 1),
        };
    }

    // PostgreSQL's raw timestamptz, computed here from its documented epoch rather than by the store.
    private static long Microseconds(DateTimeOffset instant)
        => (instant.UtcTicks - new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static void AssertSameRecord(SessionRecord expected, SessionRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Values.OrderBy(pair => pair.Key, StringComparer.Ordinal), actual.Values.OrderBy(pair => pair.Key, StringComparer.Ordinal));
        Assert.Equal((expected.ExpiresAt, expected.CreatedAt, expected.LastSavedAt, expected.UserId), (actual.ExpiresAt, actual.CreatedAt, actual.LastSavedAt, actual.UserId));
        Assert.Equal((expected.UserAgent, expected.RemoteAddress), (actual.UserAgent, actual.RemoteAddress));
        foreach (var json in actual.Values.Values)
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1024 });
        }
    }

    private static string DescribeColumn(object value) => value switch
    {
        string text => FuzzInputs.Describe(text),
        byte[] bytes => "blob " + FuzzInputs.Describe(bytes),
        double real => real.ToString("R", CultureInfo.InvariantCulture) + " (real)",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null",
    };

    private static Dictionary<string, string> Values(params (string Key, string Json)[] values) => values.ToDictionary(pair => pair.Key, pair => pair.Json);

}
