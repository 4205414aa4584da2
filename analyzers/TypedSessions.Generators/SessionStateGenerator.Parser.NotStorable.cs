using System.Linq;
using Microsoft.CodeAnalysis;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators;

public sealed partial class SessionStateGenerator
{
    internal static partial class Parser
    {
        /// <summary>
        /// Collection interfaces System.Text.Json can create a value for when it reads one; any other interface has no
        /// type to create.
        /// </summary>
        private static readonly string[] DeserializableInterfaces =
        [
            "System.Collections.Generic.IEnumerable`1",
            "System.Collections.Generic.ICollection`1",
            "System.Collections.Generic.IList`1",
            "System.Collections.Generic.IReadOnlyCollection`1",
            "System.Collections.Generic.IReadOnlyList`1",
            "System.Collections.Generic.ISet`1",
            "System.Collections.Generic.IReadOnlySet`1",
            "System.Collections.Generic.IDictionary`2",
            "System.Collections.Generic.IReadOnlyDictionary`2",
        ];

        /// <summary>Types that are live objects or operations rather than data (base types match their subclasses).</summary>
        private static readonly (string MetadataName, string Why)[] LiveObjectTypes =
        [
            ("System.IO.Stream", "a stream is an open resource, not data"),
            ("Microsoft.AspNetCore.Http.HttpContext", "it belongs to one request"),
            ("System.Threading.Tasks.Task", "it is an operation in progress; store its result instead"),
            ("System.Threading.Tasks.ValueTask", "it is an operation in progress; store its result instead"),
            ("System.Threading.Tasks.ValueTask`1", "it is an operation in progress; store its result instead"),
            (TypeNames.Session, "a session cannot be stored in a session"),
            ("System.IntPtr", "a native handle is not data"),
            ("System.UIntPtr", "a native handle is not data"),
        ];

        /// <summary>Why <paramref name="type"/> (not nullable at the top) cannot be serialized into the session.</summary>
        private static string? GetNotStorableReason(ITypeSymbol type)
        {
            var readable = type.ToReadable();
            switch (type.TypeKind)
            {
                case TypeKind.Error:
                    return NotSupportedMessages.UnresolvedType(readable);
                case TypeKind.Pointer or TypeKind.FunctionPointer:
                    return NotSupportedMessages.PointerType(readable);
                case TypeKind.Delegate:
                    return NotSupportedMessages.DelegateType(readable);
            }

            if (type.IsRefLikeType)
            {
                return NotSupportedMessages.RefStruct(readable);
            }

            // Before the abstract check: "a stream is a resource" says more than "Stream is abstract".
            foreach (var (metadataName, why) in LiveObjectTypes)
            {
                if (type.IsOrDerivesFrom(metadataName))
                {
                    return NotSupportedMessages.LiveObject(readable, why);
                }
            }

            return type switch
            {
                { TypeKind: TypeKind.Interface } when !DeserializableInterfaces.Any(type.HasMetadataName) => NotSupportedMessages.InterfaceType(readable),
                { TypeKind: TypeKind.Class, IsAbstract: true } => NotSupportedMessages.AbstractType(readable),
                _ => null,
            };
        }
    }
}
