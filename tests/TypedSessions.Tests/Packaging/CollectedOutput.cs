using System.Text;
using Xunit.Abstractions;

namespace TypedSessions.Tests.Packaging;

/// <summary>
/// What a class fixture's commands printed: a fixture has no test output of its own, so a failure reports this text
/// and a test can pass it on.
/// </summary>
internal sealed class CollectedOutput : ITestOutputHelper
{
    private readonly StringBuilder _text = new();

    public void WriteLine(string message)
    {
        lock (_text)
        {
            _text.AppendLine(message);
        }
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
