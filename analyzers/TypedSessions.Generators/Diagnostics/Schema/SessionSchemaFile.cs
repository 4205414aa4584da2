using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace TypedSessions.Generators.Diagnostics.Schema;

/// <summary>
/// <c>SessionSchema.txt</c>: what the shipped app stores, one <c>key: type</c> line per session key, the type as the
/// compiler shows it (<c>int</c>, <c>System.Collections.Generic.List&lt;Shop.CartLine&gt;</c>, <c>string?</c>). Lines
/// that start with <c>#</c> and blank lines are ignored. Without the file, the schema rules do not run.
/// </summary>
internal sealed class SessionSchemaFile
{
    public const string FileName = "SessionSchema.txt";

    private SessionSchemaFile(string path, IReadOnlyList<SessionSchemaEntry> entries)
    {
        Path = path;
        Entries = entries;
    }

    public string Path { get; }

    public IReadOnlyList<SessionSchemaEntry> Entries { get; }

    /// <summary>The schema among the compilation's additional files, or <see langword="null"/> when there is none.</summary>
    public static SessionSchemaFile? Find(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        foreach (var file in options.AdditionalFiles)
        {
            if (string.Equals(System.IO.Path.GetFileName(file.Path), FileName, StringComparison.OrdinalIgnoreCase)
                && file.GetText(cancellationToken) is { } text)
            {
                return Parse(file.Path, text);
            }
        }

        return null;
    }

    /// <summary>The line a key is recorded as.</summary>
    public static string FormatLine(string key, string type) => key + ": " + type;

    /// <summary>Whether a line records a key (not blank, not a <c>#</c> comment).</summary>
    public static bool IsEntry(string line) => line.Trim() is { Length: > 0 } trimmed && trimmed[0] != '#';

    /// <summary>The key and type of an entry line; a line without <c>": "</c> is all key.</summary>
    public static (string Key, string Type) Split(string line)
    {
        // Keys may hold ':' ([SessionKey("a:b")]); type names never hold ": ".
        var trimmed = line.Trim();
        var separator = trimmed.LastIndexOf(": ", StringComparison.Ordinal);
        return separator < 0 ? (trimmed, "") : (trimmed.Substring(0, separator).TrimEnd(), trimmed.Substring(separator + 2).Trim());
    }

    private static SessionSchemaFile Parse(string path, SourceText text)
    {
        var entries = new List<SessionSchemaEntry>();
        foreach (var line in text.Lines)
        {
            var content = line.ToString();
            if (!IsEntry(content))
            {
                continue;
            }

            var trimmed = content.Trim();
            var (key, type) = Split(trimmed);
            var start = line.Start + content.IndexOf(trimmed, StringComparison.Ordinal);
            var span = new TextSpan(start, trimmed.Length);
            entries.Add(new SessionSchemaEntry(key, type, Location.Create(path, span, text.Lines.GetLinePositionSpan(span))));
        }

        return new SessionSchemaFile(path, entries);
    }
}
