using System.Linq;
using TypedSessions.Generators.Helpers;
using TypedSessions.Generators.Models;

namespace TypedSessions.Generators;

public sealed partial class SessionStateGenerator
{
    internal static partial class Emitter
    {
        /// <summary>
        /// One static codec per stored property, composed once per type rather than on every access, and the former keys
        /// of a property that has some, so that reading them allocates nothing.
        /// </summary>
        /// <returns>Whether any field was written.</returns>
        private static bool WriteCodecFields(SourceWriter writer, SessionStateClass model)
        {
            var any = false;
            foreach (var property in model.Properties)
            {
                if (property.Storage is { } storage)
                {
                    writer.WriteLine($"private static readonly {TypeNames.GlobalSessionValueCodec}<{property.Type}> {storage.CodecField} = {storage.Codec};");
                    if (storage.FormerKeys.Count > 0)
                    {
                        writer.WriteLine($"private static readonly string[] {storage.FormerKeysField} = new string[] {{ {string.Join(", ", storage.FormerKeys.Select(Literal))} }};");
                    }

                    any = true;
                }
            }

            return any;
        }

        /// <summary>
        /// The constructor over the session and the <c>ISessionState&lt;T&gt;</c> members, explicit so that they stay out of
        /// IntelliSense. Minimal API binding comes from the interface itself, so the class gains no public member.
        /// </summary>
        private static void WriteSessionStateMembers(SourceWriter writer, SessionStateClass model)
        {
            var self = model.FullyQualifiedName;
            var state = SessionStateInterface(model);
            writer.WriteLine($$"""
                private readonly {{TypeNames.GlobalSession}} __session;

                private {{model.Declaration.Name}}({{TypeNames.GlobalSession}} session) => __session = session;

                static {{self}} {{state}}.Create({{TypeNames.GlobalSession}} session) => new {{self}}(session);

                {{TypeNames.GlobalSession}} {{state}}.Session => __session;
                """);
        }
    }
}
