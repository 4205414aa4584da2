using System.Linq;
using Microsoft.CodeAnalysis;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators;

public sealed partial class SessionStateGenerator
{
    internal static partial class Parser
    {
        /// <summary>
        /// The value a missing key reads as for a non-nullable reference type, so that <c>cart.Lines.Add(line)</c> works
        /// on a new session: <c>""</c>, an empty array, or <c>new T()</c> when the type has a usable parameterless
        /// constructor. Null otherwise (value types and nullable types read <see langword="default"/>).
        /// </summary>
        private static string? GetWhenMissing(ITypeSymbol type, INamedTypeSymbol owner, Compilation compilation)
        {
            if (!type.IsReferenceType || type.NullableAnnotation == NullableAnnotation.Annotated)
            {
                return null;
            }

            if (type.SpecialType == SpecialType.System_String)
            {
                return "static () => \"\"";
            }

            if (type is IArrayTypeSymbol array)
            {
                return $"static () => global::System.Array.Empty<{array.ElementType.ToFullyQualified()}>()";
            }

            return type is INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false, IsStatic: false, SpecialType: not SpecialType.System_Object } named
                && HasUsableParameterlessConstructor(named, owner, compilation)
                    ? $"static () => new {type.ToFullyQualified()}()"
                    : null;
        }

        /// <summary>
        /// A constructor the generated lambda can call without a warning or error: accessible from the session state
        /// class, not obsolete, and not leaving required members unset.
        /// </summary>
        /// <remarks>
        /// Asked of the generic definition (<c>List&lt;T&gt;</c>, not <c>List&lt;CartLine&gt;</c>): constructors, attributes and
        /// required members do not depend on type arguments, and the definition's members are built once and kept, where
        /// a constructed type's are built again for every compilation, on every keystroke.
        /// </remarks>
        private static bool HasUsableParameterlessConstructor(INamedTypeSymbol type, INamedTypeSymbol owner, Compilation compilation)
        {
            type = type.OriginalDefinition;
            var hasRequiredMembers = ClassShapes.HasRequiredMembers(type);
            return type.InstanceConstructors.Any(constructor =>
                constructor.Parameters.IsEmpty
                && compilation.IsSymbolAccessibleWithin(constructor, owner)
                && !constructor.GetAttributes().Any(static attribute => attribute.AttributeClass?.HasMetadataName("System.ObsoleteAttribute") == true)
                && (!hasRequiredMembers || constructor.GetAttributes().Any(static attribute =>
                    attribute.AttributeClass?.HasMetadataName("System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute") == true)));
        }
    }
}
