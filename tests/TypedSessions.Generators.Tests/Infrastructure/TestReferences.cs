using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.AspNetCore.Http;
using Microsoft.CodeAnalysis;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>
/// What a user project of the generator references, fully offline: the .NET 10 reference assemblies, the
/// ASP.NET Core reference pack of the installed shared framework, and the TypedSessions runtime.
/// </summary>
internal static class TestReferences
{
    public static ImmutableArray<MetadataReference> All { get; } =
    [
        .. Net100.References.All,
        .. Directory.GetFiles(FindAspNetCoreReferencePack(), "*.dll").Order(StringComparer.Ordinal).Select(static path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(Session).Assembly.Location),
    ];

    /// <summary>
    /// The shared framework the tests run on lives in <c>{dotnet}/shared/Microsoft.AspNetCore.App/{version}</c>; its
    /// reference assemblies are in <c>{dotnet}/packs/Microsoft.AspNetCore.App.Ref/{version}/ref/net10.0</c>.
    /// </summary>
    private static string FindAspNetCoreReferencePack()
    {
        var sharedFramework = Path.GetDirectoryName(typeof(HttpContext).Assembly.Location)!;
        var version = Path.GetFileName(sharedFramework);
        var dotnetRoot = Path.GetFullPath(Path.Combine(sharedFramework, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.AspNetCore.App.Ref");

        var exact = Path.Combine(packs, version, "ref", "net10.0");
        if (Directory.Exists(exact))
        {
            return exact;
        }

        // Another 10.0 patch of the reference pack works as well: its API is the same.
        var fallback = Directory.Exists(packs)
            ? Directory.GetDirectories(packs, "10.0.*")
                .Select(static folder => Path.Combine(folder, "ref", "net10.0"))
                .Where(Directory.Exists)
                .OrderByDescending(static folder => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(folder))), out var v) ? v : new Version())
                .FirstOrDefault()
            : null;

        return fallback ?? throw new InvalidOperationException(
            $"No ASP.NET Core 10.0 reference pack was found under '{packs}'. Install the .NET 10 SDK (it ships Microsoft.AspNetCore.App.Ref).");
    }
}
