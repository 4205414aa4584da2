using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// The sample shop's C# sources, read from the repository as they are (Program.cs, page models, state): with the
/// generator and every TypedSessions analyzer they get no TS diagnostic. The store packages (SQLite, Redis, …) are not
/// referenced here; their extension methods are the only compiler errors allowed.
/// </summary>
public sealed class UsageRulesOnSampleTests
{
    /// <summary>What the web SDK's ImplicitUsings gives the sample.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;

        """;

    [Fact]
    public async Task Sample_gets_no_TS_diagnostic()
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "TypedSessions.Samples.Shop");
        var trees = Directory.GetFiles(sample, "*.cs", SearchOption.AllDirectories)
            .Where(static path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), GeneratorRunner.ParseOptions(), Path.GetRelativePath(sample, path)))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, GeneratorRunner.ParseOptions(), "ImplicitUsings.cs"))
            .ToList();
        Assert.Contains(trees, static tree => tree.FilePath == "Program.cs");

        var compilation = CSharpCompilation.Create(
            "TypedSessions.Samples.Shop",
            trees,
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var diagnostics = await GeneratorRunner.Run(compilation).Output.WithAnalyzers(TypedSessionsAnalyzers.All()).GetAllDiagnosticsAsync();

        Assert.Empty(diagnostics.Where(static diagnostic => diagnostic.Id.StartsWith("TS", StringComparison.Ordinal)));
        Assert.Empty(diagnostics.Where(static diagnostic => diagnostic.Severity == DiagnosticSeverity.Error
            && !(diagnostic.Id == "CS1061" && diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'TypedSessionsBuilder'", StringComparison.Ordinal))));
    }
}
