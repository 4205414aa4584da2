using System.Globalization;
using System.Text.RegularExpressions;

namespace TypedSessions.Stores.Tests.Infrastructure;

/// <summary>
/// A cost table of docs/stores.md ("Cost per request"), so that the measurement tests assert the numbers the doc states
/// and the doc cannot drift from what the stores do. A table is found by the bold title that precedes it; a row by its
/// first cell; in a cell, the count of calls (<c>2 calls</c>) and of bytes (<c>1,015</c> or <c>132 B</c>) are read.
/// </summary>
internal sealed partial class DocumentedCostTable
{
    private readonly IReadOnlyList<string> _header;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _rows;

    private DocumentedCostTable(IReadOnlyList<string> header, IReadOnlyDictionary<string, IReadOnlyList<string>> rows)
    {
        _header = header;
        _rows = rows;
    }

    /// <summary>The first table after the line that starts with <paramref name="title"/> in docs/stores.md.</summary>
    public static DocumentedCostTable After(string title)
    {
        var lines = RepositoryDocs.Read("stores.md").Split('\n');
        var start = Array.FindIndex(lines, line => line.StartsWith(title, StringComparison.Ordinal));
        Assert.True(start >= 0, $"docs/stores.md has no line starting with '{title}'.");
        var table = lines.Skip(start + 1).SkipWhile(line => !line.StartsWith('|')).TakeWhile(line => line.StartsWith('|')).ToList();
        Assert.True(table.Count > 2, $"No table follows '{title}' in docs/stores.md.");
        var rows = table.Skip(2).Select(Cells).ToDictionary(cells => cells[0], cells => (IReadOnlyList<string>)cells, StringComparer.Ordinal);
        return new DocumentedCostTable(Cells(table[0]), rows);
    }

    /// <summary>The cell of row <paramref name="row"/> under column <paramref name="column"/>.</summary>
    public string Cell(string row, string column)
    {
        Assert.True(_rows.TryGetValue(row, out var cells), $"The docs/stores.md table has no row '{row}'.");
        var index = _header.ToList().IndexOf(column);
        Assert.True(index >= 0, $"The docs/stores.md table has no column '{column}'.");
        return cells![index];
    }

    /// <summary>The byte count a cell states: the last number in it (<c>2 calls, 132 B</c> is 132).</summary>
    public long Bytes(string row, string column)
    {
        var numbers = Number().Matches(Cell(row, column));
        Assert.True(numbers.Count > 0, $"No number in '{Cell(row, column)}'.");
        return long.Parse(numbers[^1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    /// <summary>The call count a cell states (<c>1 call</c>, <c>2 calls</c>), or null when it states none.</summary>
    public int? Calls(string row, string column)
        => CallCount().Match(Cell(row, column)) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static List<string> Cells(string line) => [.. line.Trim().Trim('|').Split('|').Select(static cell => cell.Trim())];

    [GeneratedRegex(@"\d[\d,]*")]
    private static partial Regex Number();

    [GeneratedRegex(@"(\d+) calls?\b")]
    private static partial Regex CallCount();
}
