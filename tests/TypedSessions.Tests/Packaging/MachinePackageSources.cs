using System.Xml.Linq;

namespace TypedSessions.Tests.Packaging;

/// <summary>
/// The package sources of this machine's user-wide NuGet.Config (~/.nuget/NuGet/NuGet.Config): the consumer's own
/// nuget.config clears every inherited source, then names these again so that the packages the TypedSessions packages
/// depend on (Microsoft.Data.Sqlite and its SQLite native bundle) restore from wherever this machine gets them.
/// </summary>
internal static class MachinePackageSources
{
    public static IReadOnlyList<(string Key, string Value)> Read()
    {
        var config = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");
        if (!File.Exists(config))
        {
            return [];
        }

        return [.. XDocument.Load(config).Root!
            .Elements("packageSources")
            .Elements("add")
            .Select(static source => ((string)source.Attribute("key")!, (string)source.Attribute("value")!))];
    }
}
