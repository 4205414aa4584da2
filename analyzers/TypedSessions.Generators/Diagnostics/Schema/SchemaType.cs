using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;

namespace TypedSessions.Generators.Diagnostics.Schema;

/// <summary>
/// A type as <c>SessionSchema.txt</c> writes it, read back into its parts: <c>System.Collections.Generic.List&lt;int?&gt;</c>
/// is a named type with one argument, a nullable <c>int</c>. The schema records names only, so this is all the rules can
/// know of a type that has since changed or gone; the property's own type is read the same way, from the same spelling,
/// so both sides compare alike.
/// </summary>
internal sealed class SchemaType : IEquatable<SchemaType>
{
    private SchemaType(SchemaTypeKind kind, string name, ImmutableArray<SchemaType> arguments, int rank = 0)
    {
        Kind = kind;
        Name = name;
        Arguments = arguments;
        Rank = rank;
    }

    public SchemaTypeKind Kind { get; }

    /// <summary>A named type's full name without its arguments (<c>System.Collections.Generic.List</c>, <c>int</c>).</summary>
    public string Name { get; }

    /// <summary>Type arguments, a tuple's elements, or the one element or underlying type of an array or nullable.</summary>
    public ImmutableArray<SchemaType> Arguments { get; }

    /// <summary>An array's rank: 1 for <c>T[]</c>, 2 for <c>T[,]</c>.</summary>
    public int Rank { get; }

    /// <summary>An array's element type, or a nullable's underlying type.</summary>
    public SchemaType Element => Arguments[0];

    /// <summary>
    /// Reads <paramref name="text"/>; text that is not a C# type name (a hand edit gone wrong) is kept whole, as
    /// <see cref="SchemaTypeKind.Unreadable"/>, and equals only the same text.
    /// </summary>
    public static SchemaType Parse(string text)
    {
        var reader = new Reader(text);
        var type = reader.ReadType();
        return type is not null && reader.AtEnd ? type : new SchemaType(SchemaTypeKind.Unreadable, text.Trim(), ImmutableArray<SchemaType>.Empty);
    }

    public bool Equals(SchemaType? other)
        => other is not null
            && Kind == other.Kind
            && Rank == other.Rank
            && string.Equals(Name, other.Name, StringComparison.Ordinal)
            && Arguments.SequenceEqual(other.Arguments);

    public override bool Equals(object? obj) => Equals(obj as SchemaType);

    public override int GetHashCode()
    {
        var hash = (StringComparer.Ordinal.GetHashCode(Name) * 31) + (int)Kind;
        foreach (var argument in Arguments)
        {
            hash = (hash * 31) + argument.GetHashCode();
        }

        return hash;
    }

    public override string ToString() => Kind switch
    {
        SchemaTypeKind.Nullable => Element + "?",
        SchemaTypeKind.Array => Element + "[" + new string(',', Rank - 1) + "]",
        SchemaTypeKind.Tuple => "(" + string.Join(", ", Arguments) + ")",
        SchemaTypeKind.Named when Arguments.Length > 0 => Name + "<" + string.Join(", ", Arguments) + ">",
        _ => Name,
    };

    /// <summary>
    /// A recursive-descent reader of the grammar the compiler's display uses:
    /// <c>type := (name | tuple) ('[' ','* ']' | '?')*</c>, <c>name := identifier ('.' identifier)* ('&lt;' type (',' type)* '&gt;')?</c>
    /// (arguments may follow any segment: <c>Outer&lt;int&gt;.Inner</c>), <c>tuple := '(' type identifier? (',' type identifier?)+ ')'</c>.
    /// </summary>
    private sealed class Reader(string text)
    {
        private int _position;

        public bool AtEnd
        {
            get
            {
                SkipSpaces();
                return _position == text.Length;
            }
        }

        public SchemaType? ReadType()
        {
            SkipSpaces();
            var type = Peek() == '(' ? ReadTuple() : ReadNamed();
            while (type is not null)
            {
                SkipSpaces();
                if (Take('?'))
                {
                    type = new SchemaType(SchemaTypeKind.Nullable, "", ImmutableArray.Create(type));
                }
                else if (Take('['))
                {
                    var rank = 1;
                    while (Take(','))
                    {
                        rank++;
                    }

                    if (!Take(']'))
                    {
                        return null;
                    }

                    type = new SchemaType(SchemaTypeKind.Array, "", ImmutableArray.Create(type), rank);
                }
                else
                {
                    break;
                }
            }

            return type;
        }

        private SchemaType? ReadNamed()
        {
            var name = new StringBuilder();
            var arguments = ImmutableArray.CreateBuilder<SchemaType>();
            while (true)
            {
                if (ReadIdentifier() is not { } identifier)
                {
                    return null;
                }

                name.Append(identifier);
                SkipSpaces();
                if (Take('<'))
                {
                    // Arguments of an outer segment belong to the name: Outer<int>.Inner is one type.
                    if (ReadList('>') is not { } segmentArguments)
                    {
                        return null;
                    }

                    arguments.AddRange(segmentArguments);
                    name.Append('`').Append(segmentArguments.Length);
                }

                SkipSpaces();
                if (!Take('.'))
                {
                    return new SchemaType(SchemaTypeKind.Named, name.ToString(), arguments.ToImmutable());
                }

                name.Append('.');
            }
        }

        private SchemaType? ReadTuple()
        {
            Take('(');
            return ReadList(')', elementNames: true) is { Length: > 1 } elements
                ? new SchemaType(SchemaTypeKind.Tuple, "", elements)
                : null;
        }

        // Types separated by commas up to the closing character; a tuple's elements may be named ((int Id, string Name)).
        private ImmutableArray<SchemaType>? ReadList(char close, bool elementNames = false)
        {
            var types = ImmutableArray.CreateBuilder<SchemaType>();
            do
            {
                if (ReadType() is not { } type)
                {
                    return null;
                }

                types.Add(type);
                SkipSpaces();
                if (elementNames && ReadIdentifier() is not null)
                {
                    SkipSpaces();
                }
            }
            while (Take(','));

            return Take(close) ? types.ToImmutable() : null;
        }

        private string? ReadIdentifier()
        {
            SkipSpaces();
            var start = _position;
            Take('@');
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] == '_'))
            {
                _position++;
            }

            return _position > start && !char.IsDigit(text[start]) ? text.Substring(start, _position - start) : null;
        }

        private bool Take(char expected)
        {
            SkipSpaces();
            if (Peek() != expected)
            {
                return false;
            }

            _position++;
            return true;
        }

        private char Peek() => _position < text.Length ? text[_position] : '\0';

        private void SkipSpaces()
        {
            while (_position < text.Length && text[_position] == ' ')
            {
                _position++;
            }
        }
    }
}
