using System.Runtime.CompilerServices;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>Where the repository is, found from this source file's own path (three folders up).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FromThisFile();

    private static string FromThisFile([CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}
