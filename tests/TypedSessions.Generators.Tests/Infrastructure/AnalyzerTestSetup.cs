using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>
/// What every analyzer and code-fix test shares: a user's project, fully offline. The test framework gets no
/// reference package to download (<c>new ReferenceAssemblies("net10.0")</c> names none); the .NET 10, ASP.NET Core and
/// TypedSessions assemblies come from <see cref="TestReferences.All"/> instead. The generator runs too, as in a real build,
/// so that an analyzer test also shows what the user sees next to the TS diagnostic (no CS9248 for a skipped property).
/// </summary>
internal static class AnalyzerTestSetup
{
    /// <summary>Partial properties need C# 13; tests use the newest C# unless they say otherwise.</summary>
    public const LanguageVersion DefaultLanguageVersion = LanguageVersion.Preview;

    public static ReferenceAssemblies ReferenceAssemblies { get; } = new("net10.0");

    public static void Configure(ProjectState project)
    {
        project.AdditionalReferences.AddRange(TestReferences.All);
    }

    public static ParseOptions WithLanguageVersion(ParseOptions options, LanguageVersion version)
        => ((CSharpParseOptions)options).WithLanguageVersion(version);

    /// <summary>
    /// What the SDK passes the compiler when the Request Delegate Generator is on (<c>EnableRequestDelegateGenerator</c>,
    /// or <c>PublishAot</c>): its interceptors' namespace, as <c>/features:InterceptorsNamespaces=…</c>.
    /// </summary>
    public static ParseOptions WithRequestDelegateGenerator(ParseOptions options)
        => options.WithFeatures([new("InterceptorsNamespaces", ";Microsoft.AspNetCore.Http.Generated;Microsoft.Extensions.Validation.Generated")]);

    /// <summary>Like a user's project: nullable enabled, unsafe allowed (pointer properties are one of the cases).</summary>
    public static CompilationOptions WithUserProjectOptions(CompilationOptions options)
        => ((CSharpCompilationOptions)options)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithAllowUnsafe(true);
}
