using System.Text;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>
/// A small line diff (longest common subsequence) for baseline failures, with a few lines of context. Removed lines
/// carry their baseline line number; added and unchanged lines their generated line number.
/// </summary>
internal static class LineDiff
{
    private const int Context = 3;

    public static string Format(string expected, string actual)
    {
        var before = expected.Split('\n');
        var after = actual.Split('\n');

        // common[i, j] = length of the longest common subsequence of before[i..] and after[j..].
        var common = new int[before.Length + 1, after.Length + 1];
        for (var i = before.Length - 1; i >= 0; i--)
        {
            for (var j = after.Length - 1; j >= 0; j--)
            {
                common[i, j] = before[i] == after[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<(char Kind, int Line, string Text)>();
        int b = 0, a = 0;
        while (b < before.Length || a < after.Length)
        {
            if (b < before.Length && a < after.Length && before[b] == after[a])
            {
                lines.Add((' ', a + 1, before[b]));
                b++;
                a++;
            }
            else if (b < before.Length && (a == after.Length || common[b + 1, a] >= common[b, a + 1]))
            {
                lines.Add(('-', b + 1, before[b]));
                b++;
            }
            else
            {
                lines.Add(('+', a + 1, after[a]));
                a++;
            }
        }

        var output = new StringBuilder();
        var lastPrinted = -1;
        for (var index = 0; index < lines.Count; index++)
        {
            var nearChange = Enumerable.Range(Math.Max(0, index - Context), (2 * Context) + 1)
                .Any(other => other < lines.Count && lines[other].Kind != ' ');
            if (!nearChange)
            {
                continue;
            }

            if (lastPrinted >= 0 && index > lastPrinted + 1)
            {
                output.AppendLine("  ...");
            }

            var (kind, line, text) = lines[index];
            output.AppendLine($"{kind} {line,4}: {text}");
            lastPrinted = index;
        }

        return output.ToString();
    }
}
