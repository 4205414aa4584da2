using System.Text;
using System.Text.Json;
using TypedSessions.Engine;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;
using TypedSessions.Tests.Typed;
using Xunit.Abstractions;

namespace TypedSessions.Tests.HostileData;

/// <summary>
/// Whatever JSON a store hands back for a key (every store checks it is JSON, nothing more), a session over it reads
/// every property type, decodes, works out its expiry, and saves, alone or merging with a concurrent save: a value that
/// does not fit reads as the default, and no request fails.
/// </summary>
public sealed class StoredValueFuzzTests(ITestOutputHelper output)
{
    // Each input is a whole session: two loads, about twenty typed reads, a merged save and a reload.
    private const int Inputs = 1_000;

    private static readonly string[] Keys =
    [
        "Everything.Flag", "Everything.Byte", "Everything.Short", "Everything.Long", "Everything.ULong", "Everything.Float",
        "Everything.Double", "Everything.Money", "Everything.Letter", "Everything.Name", "Everything.Id", "Everything.When",
        "Everything.At", "Everything.Duration", "Everything.Day", "Everything.Time", "Everything.Priority", "Everything.MaybeNumber",
        "Everything.MaybePriority", "Everything.Numbers", "Everything.Words", "Everything.Scores", "Basket.Items", "Basket.Shipping",
        "Basket.Note", Session.ExpiryKey,
    ];

    private static readonly byte[][] Corpus =
    [
        .. new[]
        {
            "1", "-1.5e3", "true", "null", "\"text\"", "\"High\"", "\"2030-01-01T00:00:00+02:00\"", "\"1.02:03:04.5000000\"", "\"2030-01-01\"",
            "\"12:34:56.7890000\"", "\"6f9619ff-8b86-d011-b42d-00c04fc964ff\"", "[1,2,3]", "[\"a\",null,\"b\"]", "{\"a\":1,\"b\":2}",
            """{"Street":"1 Main St","City":"Lyon"}""", "1209600", "\"browser-close\"", "99999999999999", "\"\\ud800\"", "[{\"Id\":1,\"Count\":2}]",
        }.Select(Encoding.UTF8.GetBytes),
    ];

    private static readonly JsonDocumentOptions StoreDepth = new() { MaxDepth = 1024 };

    [Fact]
    public async Task Any_stored_json_value_reads_and_saves_alone_or_merged_without_failing()
    {
        await using var services = new SessionServices();
        var reachedJson = 0;

        var elapsed = FuzzRun.Check(
            Inputs,
            random => StoredJson(random),
            json =>
            {
                reachedJson++;
                ExerciseAsync(services, json).GetAwaiter().GetResult();
            },
            FuzzInputs.Describe);

        output.WriteLine($"{Inputs:N0} stored values in {elapsed.TotalSeconds:0.00} s");
        Assert.Equal(Inputs, reachedJson);
    }

    private static async Task ExerciseAsync(SessionServices services, string json)
    {
        var key = SessionKeys.NewKey();
        var values = Keys.ToDictionary(name => name, _ => json);
        Assert.Equal(SessionWriteResult.Written, await services.Store.CreateAsync(SessionKeys.ToRecordId(key), new SessionRecord(values, services.Time.GetUtcNow().AddHours(1))));

        var session = await services.Manager.OpenAsync(key);
        var concurrent = await services.Manager.OpenAsync(key);
        var everything = session.GetState<Everything>();
        _ = (everything.Flag, everything.Byte, everything.Short, everything.Long, everything.ULong, everything.Float, everything.Double, everything.Money);
        _ = (everything.Letter, everything.Name, everything.Id, everything.When, everything.At, everything.Duration, everything.Day, everything.Time);
        _ = (everything.Priority, everything.MaybeNumber, everything.MaybePriority, everything.Numbers, everything.Words, everything.Scores);
        _ = (session.ExpiryAge, session.ExpiryDate, session.ExpiresAtBrowserClose, session.ToDictionary(), session.Get<string>("Basket.Note"));

        // The concurrent save keeps the record live whatever the stored expiry says (an expired record is never
        // resurrected: that save would rightly answer 400).
        concurrent.GetState<Basket>().Items.Add("theirs");
        concurrent.ResetExpiry();
        await concurrent.SaveAsync();
        session.GetState<Basket>().Items.Add("ours");
        session.GetState<Basket>().Note = "ours";
        everything.Scores["ours"] = 1;
        await session.SaveAsync();

        if (session.ExpiryDate > services.Time.GetUtcNow())
        {
            Assert.Contains("ours", (await services.Manager.OpenAsync(key)).GetState<Basket>().Items);
        }
    }

    // A mutation of a corpus value that is still JSON: stores let through nothing else.
    private static string StoredJson(Random random)
    {
        while (true)
        {
            var bytes = FuzzInputs.Next(random, Corpus);
            try
            {
                using var document = JsonDocument.Parse(bytes, StoreDepth);
                return Encoding.UTF8.GetString(bytes);
            }
            catch (JsonException)
            {
            }
        }
    }
}
