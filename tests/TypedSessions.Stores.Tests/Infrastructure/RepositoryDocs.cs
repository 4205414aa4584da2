using System.Runtime.CompilerServices;

namespace TypedSessions.Stores.Tests.Infrastructure;

/// <summary>The repository's documentation, read by tests that hold it to what the code does.</summary>
internal static class RepositoryDocs
{
    /// <summary>The text of <c>docs/{name}</c>.</summary>
    public static string Read(string name) => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", name));

    // This file is tests/TypedSessions.Stores.Tests/Infrastructure/RepositoryDocs.cs.
    private static string RepositoryRoot([CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}
