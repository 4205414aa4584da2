using Microsoft.CodeAnalysis;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators;

public sealed partial class SessionStateGenerator
{
    internal static partial class Parser
    {
        private const string Codecs = TypeNames.GlobalSessionCodecs;

        /// <summary>
        /// Composes the <c>SessionCodecs</c> expression whose type is exactly <c>SessionValueCodec&lt;T&gt;</c> for
        /// <paramref name="type"/>, nullable annotations included, or says why the type cannot be a session value
        /// (the classification TS0003 reports, shared through <see cref="StorableTypes"/>).
        /// </summary>
        private static CodecResolution ResolveCodec(ITypeSymbol type)
            => StorableTypes.GetNotStorableReason(type) is { } reason
                ? CodecResolution.NotSupported(reason)
                : CodecResolution.Of(ComposeCodec(type));

        /// <summary>The codec expression of a type <see cref="StorableTypes"/> accepts, element and type arguments included.</summary>
        private static string ComposeCodec(ITypeSymbol type)
        {
            if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
            {
                return Wrap("OrNull", ComposeCodec(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)));
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                return Wrap("Nullable", ComposeCodec(nullable.TypeArguments[0]));
            }

            if (GetPrimitiveCodec(type) is { } primitive)
            {
                return $"{Codecs}.{primitive}";
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return $"{Codecs}.Enum<{type.ToFullyQualified()}>()";
            }

            if (type is IArrayTypeSymbol array)
            {
                return Wrap("Array", ComposeCodec(array.ElementType));
            }

            if (type.HasMetadataName("System.Collections.Generic.List`1"))
            {
                return Wrap("List", ComposeCodec(((INamedTypeSymbol)type).TypeArguments[0]));
            }

            // System.Text.Json handles the rest.
            return $"{Codecs}.Json<{type.ToFullyQualified()}>()";
        }

        /// <summary><c>SessionCodecs.{method}(inner)</c>.</summary>
        private static string Wrap(string method, string inner) => $"{Codecs}.{method}({inner})";

        /// <summary>The <c>SessionCodecs</c> property of a type read and written without System.Text.Json's reflection.</summary>
        private static string? GetPrimitiveCodec(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_Boolean => "Boolean",
            SpecialType.System_Byte => "Byte",
            SpecialType.System_SByte => "SByte",
            SpecialType.System_Int16 => "Int16",
            SpecialType.System_UInt16 => "UInt16",
            SpecialType.System_Int32 => "Int32",
            SpecialType.System_UInt32 => "UInt32",
            SpecialType.System_Int64 => "Int64",
            SpecialType.System_UInt64 => "UInt64",
            SpecialType.System_Single => "Single",
            SpecialType.System_Double => "Double",
            SpecialType.System_Decimal => "Decimal",
            SpecialType.System_Char => "Char",
            SpecialType.System_String => "String",
            SpecialType.System_DateTime => "DateTime",
            _ when type.HasMetadataName("System.Guid") => "Guid",
            _ when type.HasMetadataName("System.DateTimeOffset") => "DateTimeOffset",
            _ when type.HasMetadataName("System.TimeSpan") => "TimeSpan",
            _ when type.HasMetadataName("System.DateOnly") => "DateOnly",
            _ when type.HasMetadataName("System.TimeOnly") => "TimeOnly",
            _ => null,
        };

        /// <summary>A codec expression, or why there is none.</summary>
        private readonly struct CodecResolution
        {
            private CodecResolution(string? expression, string? notSupportedReason)
            {
                Expression = expression;
                NotSupportedReason = notSupportedReason;
            }

            public string? Expression { get; }

            public string? NotSupportedReason { get; }

            public static CodecResolution Of(string expression) => new(expression, null);

            public static CodecResolution NotSupported(string reason) => new(null, reason);
        }
    }
}
