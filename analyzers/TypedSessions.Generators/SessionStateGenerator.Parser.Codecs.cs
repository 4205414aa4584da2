using System.Collections.Generic;
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
        /// <paramref name="type"/>, nullable annotations included, or says why the type cannot be a session value.
        /// </summary>
        private static CodecResolution ResolveCodec(ITypeSymbol type)
        {
            if (type.TypeKind == TypeKind.TypeParameter)
            {
                return CodecResolution.NotSupported(NotSupportedMessages.TypeParameter(type.ToReadable()));
            }

            if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
            {
                return ResolveCodec(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)).Wrap("OrNull");
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                return ResolveCodec(nullable.TypeArguments[0]).Wrap("Nullable");
            }

            if (GetNotStorableReason(type) is { } reason)
            {
                return CodecResolution.NotSupported(reason);
            }

            if (GetPrimitiveCodec(type) is { } primitive)
            {
                return CodecResolution.Of($"{Codecs}.{primitive}");
            }

            if (type.TypeKind == TypeKind.Enum)
            {
                return CodecResolution.Of($"{Codecs}.Enum<{type.ToFullyQualified()}>()");
            }

            if (type is IArrayTypeSymbol array)
            {
                return array.IsSZArray
                    ? ResolveCodec(array.ElementType).Wrap("Array")
                    : CodecResolution.NotSupported(NotSupportedMessages.MultiDimensionalArray(type.ToReadable()));
            }

            if (type.HasMetadataName("System.Collections.Generic.List`1"))
            {
                return ResolveCodec(((INamedTypeSymbol)type).TypeArguments[0]).Wrap("List");
            }

            // System.Text.Json handles the rest; its type arguments must still be storable (no List<Stream>, no T).
            foreach (var typeArgument in GetAllTypeArguments(type))
            {
                if (ResolveCodec(typeArgument).NotSupportedReason is { } argumentReason)
                {
                    return CodecResolution.NotSupported(argumentReason);
                }
            }

            return CodecResolution.Of($"{Codecs}.Json<{type.ToFullyQualified()}>()");
        }

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

        /// <summary>The type arguments of a generic type and of its containing types (<c>Outer&lt;T&gt;.Inner</c>).</summary>
        private static List<ITypeSymbol> GetAllTypeArguments(ITypeSymbol type)
        {
            var arguments = new List<ITypeSymbol>();
            for (var current = type as INamedTypeSymbol; current is not null; current = current.ContainingType)
            {
                arguments.AddRange(current.TypeArguments);
            }

            return arguments;
        }

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

            /// <summary>Composes <c>SessionCodecs.{method}(inner)</c>, or passes the inner reason on.</summary>
            public CodecResolution Wrap(string method)
                => Expression is null ? this : Of($"{Codecs}.{method}({Expression})");
        }
    }
}
