using Microsoft.CodeAnalysis.CSharp;
using TypedSessions.Generators.Helpers;
using TypedSessions.Generators.Models;

namespace TypedSessions.Generators;

public sealed partial class SessionStateGenerator
{
    internal static partial class Emitter
    {
        /// <summary>The implementing declaration: the definition's signature, with accessor bodies over the session.</summary>
        private static void WriteProperty(SourceWriter writer, SessionProperty property)
        {
            writer.WriteLine($"{property.Modifiers} {property.Type} {property.Name}{property.Parameters}");
            writer.OpenBlock();
            foreach (var accessor in property.Accessors)
            {
                var modifiers = accessor.Modifiers.Length == 0 ? "" : accessor.Modifiers + " ";
                writer.WriteLine($"{modifiers}{accessor.Keyword} => {AccessorBody(property, accessor.Keyword)};");
            }

            writer.CloseBlock();
        }

        private static string AccessorBody(SessionProperty property, string keyword)
        {
            if (property.Storage is not { } storage)
            {
                return $"throw new global::System.NotSupportedException({Literal(property.NotSupportedMessage!)})";
            }

            // A property with former keys names them right after its key; one without calls what it always called.
            var key = storage.FormerKeys.Count == 0 ? Literal(storage.Key) : $"{Literal(storage.Key)}, {storage.FormerKeysField}";
            if (keyword != "get")
            {
                return $"__session.SetValue<{property.Type}>({key}, value, {storage.CodecField})";
            }

            return storage.WhenMissing is null
                ? $"__session.GetValue<{property.Type}>({key}, {storage.CodecField})"
                : $"__session.GetValue<{property.Type}>({key}, {storage.CodecField}, {storage.WhenMissing})";
        }

        /// <summary>A C# string literal, escaped, so keys and messages can hold any character.</summary>
        private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
    }
}
