using System.Text;

namespace TypedSessions.Merging;

/// <summary>
/// Where the merge is in the document, rendered only when needed: as a concrete path for a conflict report
/// (<c>$.Lines[ProductId=3].Quantity</c>) or as a pattern for rule lookups (<c>$.Lines[*].Quantity</c>).
/// </summary>
internal sealed class JsonMergePath
{
    private const string AnyElement = "[*]";

    private readonly JsonMergePath? _parent;
    private readonly string _segment;
    private readonly string _patternSegment;

    // For an array element matched by identity: the identity property as spelled in it.
    private readonly string? _identityName;

    private JsonMergePath(JsonMergePath? parent, string segment, string patternSegment, string? identityName = null, bool isElementIdentity = false)
    {
        _parent = parent;
        _segment = segment;
        _patternSegment = patternSegment;
        _identityName = identityName;
        IsElementIdentity = isElementIdentity;
    }

    /// <summary>
    /// Whether this is the identity property of an array element matched by it: the same value on every side by
    /// construction, never a conflict and never summed.
    /// </summary>
    public bool IsElementIdentity { get; }

    /// <summary>The value of the session key itself.</summary>
    public static JsonMergePath Root { get; } = new(null, "$", "$");

    /// <summary>The path as a pattern, every array element written <c>[*]</c>.</summary>
    public string Pattern => Render(static path => path._patternSegment);

    /// <summary>The property <paramref name="name"/> of the object here.</summary>
    public JsonMergePath Property(string name)
    {
        var segment = IsPlainName(name) ? "." + name : "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";
        return new(this, segment, segment, isElementIdentity: string.Equals(name, _identityName, StringComparison.Ordinal));
    }

    /// <summary>The element of the array here whose property <paramref name="identityName"/> is <paramref name="identityJson"/>.</summary>
    public JsonMergePath Element(string identityName, string identityJson) => new(this, $"[{identityName}={identityJson}]", AnyElement, identityName);

    /// <summary>The element at <paramref name="index"/> of the array here.</summary>
    public JsonMergePath Element(int index) => new(this, $"[{index}]", AnyElement);

    /// <summary>The concrete path.</summary>
    public override string ToString() => Render(static path => path._segment);

    private string Render(Func<JsonMergePath, string> segment)
    {
        var segments = new Stack<string>();
        for (var path = this; path is not null; path = path._parent)
        {
            segments.Push(segment(path));
        }

        var text = new StringBuilder();
        foreach (var part in segments)
        {
            text.Append(part);
        }

        return text.ToString();
    }

    private static bool IsPlainName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(static c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
