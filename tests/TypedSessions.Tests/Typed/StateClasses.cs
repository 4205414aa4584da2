using System.Text.Json.Serialization;

namespace TypedSessions.Tests.Typed;

public enum Priority
{
    Low,
    Normal,
    High,
}

public sealed class Address
{
    public string Street { get; set; } = "";

    public string City { get; set; } = "";
}

[SessionState]
public sealed partial class Basket
{
    public partial int Count { get; set; }

    public partial List<string> Items { get; set; }

    public partial string? Note { get; set; }

    [SessionKey("cur")]
    public partial string? Currency { get; set; }

    public partial Address Shipping { get; set; }
}

[SessionState("prefs")]
public partial record Preferences
{
    public partial Priority Level { get; set; }

    public partial bool DarkMode { get; set; }
}

[SessionState("")]
public partial class Bare
{
    public partial int Visits { get; set; }
}

[SessionState]
public partial class Everything
{
    public partial bool Flag { get; set; }

    public partial byte Byte { get; set; }

    public partial short Short { get; set; }

    public partial long Long { get; set; }

    public partial ulong ULong { get; set; }

    public partial float Float { get; set; }

    public partial double Double { get; set; }

    public partial decimal Money { get; set; }

    public partial char Letter { get; set; }

    public partial string Name { get; set; }

    public partial Guid Id { get; set; }

    public partial DateTime When { get; set; }

    public partial DateTimeOffset At { get; set; }

    public partial TimeSpan Duration { get; set; }

    public partial DateOnly Day { get; set; }

    public partial TimeOnly Time { get; set; }

    public partial Priority Priority { get; set; }

    public partial int? MaybeNumber { get; set; }

    public partial Priority? MaybePriority { get; set; }

    public partial int[] Numbers { get; set; }

    public partial List<string?> Words { get; set; }

    public partial Dictionary<string, int> Scores { get; set; }
}

public static partial class Outer
{
    [SessionState]
    public partial class Inner
    {
        public partial int Value { get; set; }
    }
}

[JsonSerializable(typeof(Address))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public partial class TestJsonContext : JsonSerializerContext
{
}
