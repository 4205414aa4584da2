using System.Text.Json;
using System.Text.Json.Serialization;

namespace TypedSessions.Benchmarks.Codec;

/// <summary>
/// Source-generated System.Text.Json metadata for the values of <see cref="CheckoutState"/>, with the options the
/// session writes by (web defaults, enums by name), so that every contender produces the same JSON.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Guid))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(CheckoutStep))]
[JsonSerializable(typeof(CheckoutLine))]
[JsonSerializable(typeof(List<CheckoutLine>))]
public sealed partial class CheckoutJsonContext : JsonSerializerContext;
