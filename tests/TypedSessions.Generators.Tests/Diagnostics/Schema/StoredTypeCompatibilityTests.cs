using TypedSessions.Generators.Diagnostics.Schema;

namespace TypedSessions.Generators.Tests.Diagnostics.Schema;

/// <summary>
/// TS0202's rule, case by case: which property type reads the JSON that a deployed app stored for another. The types are
/// spelled as SessionSchema.txt records them, the way the compiler shows them.
/// </summary>
public sealed class StoredTypeCompatibilityTests
{
    [Theory]
    [InlineData("int", "int")]
    [InlineData("int", "long")]
    [InlineData("int", "decimal")]
    [InlineData("int", "double")]
    [InlineData("byte", "int")]
    [InlineData("short", "long")]
    [InlineData("uint", "ulong")]
    [InlineData("float", "double")]
    [InlineData("int", "int?")]
    [InlineData("int", "long?")]
    [InlineData("int?", "long?")]
    [InlineData("string", "string?")]
    [InlineData("Shop.CartLine", "Shop.CartLine?")]
    [InlineData("System.DateTime", "System.DateTimeOffset")]
    [InlineData("System.Collections.Generic.List<Shop.CartLine>", "Shop.CartLine[]")]
    [InlineData("Shop.CartLine[]", "System.Collections.Generic.List<Shop.CartLine>")]
    [InlineData("System.Collections.Generic.List<int>", "System.Collections.Generic.IReadOnlyList<long>")]
    [InlineData("int[]", "System.Collections.Generic.HashSet<int>")]
    [InlineData("System.Collections.Generic.List<int>", "System.Collections.Generic.List<int?>")]
    [InlineData("System.Collections.Generic.Dictionary<string, int>", "System.Collections.Generic.IReadOnlyDictionary<string, long>")]
    [InlineData("System.Collections.Generic.Dictionary<string,int>", "System.Collections.Generic.Dictionary<string, int>")]
    [InlineData("Shop.Box<int>", "Shop.Box<long>")]
    [InlineData("(int, string)", "(long Id, string Name)")]
    [InlineData("Shop.Outer<int>.Inner", "Shop.Outer<int>.Inner")]
    public void Reads(string stored, string current)
        => Assert.True(StoredTypeCompatibility.CanRead(SchemaType.Parse(stored), SchemaType.Parse(current)), $"{current} should read {stored}");

    [Theory]
    [InlineData("int", "string")]
    [InlineData("string", "int")]
    [InlineData("long", "int")]
    [InlineData("int", "uint")]
    [InlineData("int", "float")]
    [InlineData("double", "decimal")]
    [InlineData("double", "int")]
    [InlineData("int?", "int")]
    [InlineData("string?", "string")]
    [InlineData("System.Collections.Generic.List<int>", "int")]
    [InlineData("int", "System.Collections.Generic.List<int>")]
    [InlineData("System.Collections.Generic.List<Shop.CartLine>", "Shop.CartLine")]
    [InlineData("System.Collections.Generic.List<long>", "int[]")]
    [InlineData("System.Collections.Generic.List<int?>", "System.Collections.Generic.List<int>")]
    [InlineData("int[,]", "System.Collections.Generic.List<int>")]
    [InlineData("System.Collections.Generic.Dictionary<string, int>", "System.Collections.Generic.List<int>")]
    [InlineData("System.Collections.Generic.Dictionary<string, string>", "System.Collections.Generic.Dictionary<string, int>")]
    [InlineData("Shop.CartLine", "Shop.OrderLine")]
    [InlineData("Shop.Box<long>", "Shop.Box<int>")]
    [InlineData("Shop.Box<int>", "Shop.Crate<int>")]
    [InlineData("System.DateTimeOffset", "System.DateTime")]
    [InlineData("(int, string)", "(int, string, bool)")]
    [InlineData("List<int", "System.Collections.Generic.List<int>")]
    public void Does_not_read(string stored, string current)
        => Assert.False(StoredTypeCompatibility.CanRead(SchemaType.Parse(stored), SchemaType.Parse(current)), $"{current} should not read {stored}");

    [Theory]
    [InlineData("System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<int?>[]>?", "Nullable")]
    [InlineData("(int Id, string? Name)", "Tuple")]
    [InlineData("int[][,]", "Array")]
    [InlineData("Shop.@event", "Named")]
    [InlineData("List<int", "Unreadable")]
    [InlineData("int int", "Unreadable")]
    [InlineData("", "Unreadable")]
    public void Schema_types_are_read_into_their_parts(string text, string kind)
    {
        var type = SchemaType.Parse(text);

        Assert.Equal(kind, type.Kind.ToString());
        Assert.Equal(SchemaType.Parse(text.Replace(", ", ",", StringComparison.Ordinal)), type);
    }

    [Fact]
    public void Unreadable_text_equals_only_the_same_text()
    {
        Assert.True(StoredTypeCompatibility.CanRead(SchemaType.Parse("List<int"), SchemaType.Parse(" List<int ")));
        Assert.False(StoredTypeCompatibility.CanRead(SchemaType.Parse("List<int"), SchemaType.Parse("List<long")));
    }
}
