using System.Text;
using System.Text.Json;
using TypedSessions.Serialization;

namespace TypedSessions.Tests.Serialization;

/// <summary>
/// An app instance's first use of a value type can be a read: it has just started, and reads a cart another instance
/// (or the same app before a restart) wrote. The System.Text.Json codec must read it then, on options nothing has
/// serialized with yet, as it does after a write.
/// </summary>
public sealed class FirstReadOfATypeTests
{
    [Fact]
    public void A_value_reads_on_options_that_have_never_written_its_type()
    {
        var options = FreshSessionJsonOptions();
        Assert.False(options.IsReadOnly);

        var lines = Read(SessionCodecs.Json<List<StoredLine>>(), """[{"productId":"tea","quantity":2},{"productId":"milk","quantity":1}]""", options);

        Assert.Equal([new StoredLine("tea", 2), new StoredLine("milk", 1)], lines);
    }

    [Fact]
    public void A_read_gives_the_same_value_before_and_after_a_write_of_the_type()
    {
        const string Json = """{"productId":"tea","quantity":2}""";
        var beforeAnyWrite = Read(SessionCodecs.Json<StoredLine>(), Json, FreshSessionJsonOptions());

        var written = FreshSessionJsonOptions();
        JsonSerializer.Serialize(new StoredLine("bread", 1), written);
        var afterAWrite = Read(SessionCodecs.Json<StoredLine>(), Json, written);

        Assert.Equal(new StoredLine("tea", 2), beforeAnyWrite);
        Assert.Equal(afterAWrite, beforeAnyWrite);
    }

    private static T Read<T>(SessionValueCodec<T> codec, string json, JsonSerializerOptions options)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return codec.Read(ref reader, options);
    }

    private static JsonSerializerOptions FreshSessionJsonOptions()
    {
        var options = new TypedSessionsOptions().JsonSerializerOptions;
        JsonResolverDefaults.EnsureTypeInfoResolver(options);
        return options;
    }

    public sealed record StoredLine(string ProductId, int Quantity);
}
