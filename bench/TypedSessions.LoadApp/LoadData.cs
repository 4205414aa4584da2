using System.Text.Json;
using System.Text.Json.Serialization;
using TypedSessions.LoadApp.State;

namespace TypedSessions.LoadApp;

/// <summary>The values every configuration seeds, so that each stores the same data per key.</summary>
public static class LoadData
{
    /// <summary>How many lines a seeded session holds.</summary>
    public const int LineCount = 20;

    /// <summary>The line <c>POST /list</c> changes.</summary>
    public const int ChangedLine = 7;

    /// <summary>The seeded <see cref="LoadState.Name"/>.</summary>
    public const string Name = "Ada Lovelace";

    /// <summary>The seeded <see cref="LoadState.Currency"/>.</summary>
    public const string Currency = "EUR";

    /// <summary>The seeded lines: 20 small records.</summary>
    public static List<LoadLine> Lines() =>
    [
        .. Enumerable.Range(1, LineCount).Select(static i => new LoadLine
        {
            ProductId = 1000 + i,
            Name = $"Product {i}",
            Quantity = 1,
            Price = 9.99m + i,
        }),
    ];

    /// <summary>The seeded value of wide key <paramref name="index"/>: 40 characters.</summary>
    public static string WideValue(int index) => $"value {index:000} of the wide session.......";
}

/// <summary><c>GET /plain</c>.</summary>
public sealed record PlainResponse(string Message);

/// <summary><c>GET /read</c>: what the session holds.</summary>
public sealed record ReadResponse(int Count, string? Name, int Lines);

/// <summary><c>POST /write</c>: the count after the increment.</summary>
public sealed record WriteResponse(int Count);

/// <summary><c>POST /list</c>: the changed line's quantity after the increment.</summary>
public sealed record ListResponse(int Quantity);

/// <summary><c>POST /seed</c>: how many keys the session holds.</summary>
public sealed record SeedResponse(int Keys);

/// <summary>
/// System.Text.Json metadata for the session values and the responses: TypedSessions reads <see cref="LoadLine"/> lists
/// through it (<c>UseJsonSerializerContext</c>), and the ASP.NET Core Session endpoints encode every value with it.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(List<LoadLine>))]
[JsonSerializable(typeof(PlainResponse))]
[JsonSerializable(typeof(ReadResponse))]
[JsonSerializable(typeof(WriteResponse))]
[JsonSerializable(typeof(ListResponse))]
[JsonSerializable(typeof(SeedResponse))]
public sealed partial class LoadJsonContext : JsonSerializerContext
{
}
