using System;
using System.Collections.Generic;
using System.Linq;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators.Diagnostics.Schema;

/// <summary>
/// For TS0201's fix: the property a recorded key most likely became. It is one of the class that stored the key (the
/// class whose prefix the key starts with; any class for a key no prefix explains), that can read the recorded type, and
/// among those a property whose own key is not recorded yet (new since the deploy) before one that is, then the closest
/// by name.
/// </summary>
internal static class RenamedPropertyGuess
{
    public static StoredProperty? Find(SessionSchemaEntry entry, IReadOnlyCollection<StoredProperty> stored, ISet<string> recordedKeys)
    {
        var separator = entry.Key.LastIndexOf('.');
        var prefix = separator < 0 ? "" : entry.Key.Substring(0, separator);
        var formerName = entry.Key.Substring(separator + 1);
        var sameClass = stored.Where(property => property.KeyPrefix == prefix).ToList();
        var recordedType = SchemaType.Parse(entry.Type);
        return (sameClass.Count > 0 ? sameClass : stored)
            .Where(property => StoredTypeCompatibility.CanRead(recordedType, property.ParsedType))
            .OrderBy(property => recordedKeys.Contains(property.Key))
            .ThenBy(property => EditDistance.Between(formerName, property.Name))
            .ThenBy(property => property.Key, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
