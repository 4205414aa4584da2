using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedSessions.Benchmarks.Generation;

/// <summary>
/// A driver that has already run over a project, and one character of one file that every step toggles between two
/// values, so that each step is a real edit against the driver's last run: the file is reparsed incrementally from the
/// changed text, as an editor does, replaced in the compilation, and the driver runs again over the new compilation.
/// </summary>
internal sealed class OneCharacterEdits
{
    private readonly int _position;
    private readonly string[] _characters;
    private GeneratorDriver _driver;
    private Compilation _compilation;
    private SyntaxTree _tree;
    private int _next = 1;

    private OneCharacterEdits(GeneratorDriver driver, Compilation compilation, SyntaxTree tree, int position, string[] characters)
    {
        _driver = driver;
        _compilation = compilation;
        _tree = tree;
        _position = position;
        _characters = characters;
    }

    /// <summary>Runs <paramref name="driver"/> over <paramref name="compilation"/>; each <see cref="Next"/> then edits its file.</summary>
    public static OneCharacterEdits Start(GeneratorDriver driver, Compilation compilation, int file, (string Before, string After) edit)
    {
        var tree = compilation.SyntaxTrees.ElementAt(file);
        var at = tree.GetText().ToString().IndexOf(edit.Before, StringComparison.Ordinal);
        var differences = Enumerable.Range(0, edit.Before.Length).Where(i => i < edit.After.Length && edit.Before[i] != edit.After[i]).ToList();
        if (at < 0 || edit.Before.Length != edit.After.Length || differences.Count != 1)
        {
            throw new ArgumentException($"'{edit.Before}' is not in file {file}, or the edit is not one character.", nameof(edit));
        }

        var offset = differences[0];

        return new OneCharacterEdits(
            driver.RunGenerators(compilation),
            compilation,
            tree,
            at + offset,
            [edit.Before[offset].ToString(), edit.After[offset].ToString()]);
    }

    /// <summary>Makes the edit (or undoes the last one) and runs the driver again.</summary>
    public GeneratorDriver Next()
    {
        var edited = _tree.WithChangedText(_tree.GetText().WithChanges(new TextChange(new TextSpan(_position, 1), _characters[_next])));
        _compilation = _compilation.ReplaceSyntaxTree(_tree, edited);
        _tree = edited;
        _next ^= 1;
        return _driver = _driver.RunGenerators(_compilation);
    }
}
