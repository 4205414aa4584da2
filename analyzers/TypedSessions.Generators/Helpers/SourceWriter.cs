using System;
using System.Text;

namespace TypedSessions.Generators.Helpers;

/// <summary>
/// Builds C# source line by line with four-space indentation; multi-line text (raw string literals) is
/// indented line by line, so emitters can write whole member blocks as they will read.
/// </summary>
internal sealed class SourceWriter
{
    private const int SpacesPerLevel = 4;

    private readonly StringBuilder _builder = new();
    private int _indentation;

    /// <summary>Writes each line of <paramref name="text"/> at the current indentation; empty lines stay empty.</summary>
    public void WriteLine(string text)
    {
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            var length = end - start;
            if (length > 0 && text[end - 1] == '\r')
            {
                length--;
            }

            if (length > 0)
            {
                _builder.Append(' ', _indentation * SpacesPerLevel);
                _builder.Append(text, start, length);
            }

            // Always "\n", so output does not depend on the machine that runs the generator.
            _builder.Append('\n');
            start = end + 1;
        }
    }

    public void WriteLine() => _builder.Append('\n');

    /// <summary>Writes <c>{</c> and indents what follows.</summary>
    public void OpenBlock()
    {
        WriteLine("{");
        _indentation++;
    }

    /// <summary>Outdents and writes <c>}</c>.</summary>
    public void CloseBlock()
    {
        if (_indentation == 0)
        {
            throw new InvalidOperationException("No block is open.");
        }

        _indentation--;
        WriteLine("}");
    }

    public override string ToString() => _builder.ToString();
}
