using System.Reflection;
using TypedSessions.Generators.Tests.Sources;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>The named sources of <see cref="SupportedSources"/> and <see cref="UnsupportedSources"/> as theory data.</summary>
internal static class SourceCases
{
    public static TheoryData<string> Supported => Names(typeof(SupportedSources));

    public static TheoryData<string> Unsupported => Names(typeof(UnsupportedSources));

    public static TheoryData<string> All => [.. Supported, .. Unsupported];

    public static string Get(string name)
        => (string)(Field(typeof(SupportedSources), name) ?? Field(typeof(UnsupportedSources), name)
            ?? throw new ArgumentException($"No source named {name}.", nameof(name))).GetRawConstantValue()!;

    private static TheoryData<string> Names(Type type)
        => [.. type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(static field => field.IsLiteral).Select(static field => field.Name)];

    private static FieldInfo? Field(Type type, string name) => type.GetField(name, BindingFlags.Public | BindingFlags.Static);
}
