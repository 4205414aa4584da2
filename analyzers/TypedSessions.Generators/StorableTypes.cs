using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators;

/// <summary>
/// Which property types can be a session value. The generator writes a throwing member for the others, and the
/// TS0003 analyzer reports them, from this one classification.
/// </summary>
internal static class StorableTypes
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
        ("Microsoft.AspNetCore.Http.HttpRequest", "it belongs to one request"),
        ("Microsoft.AspNetCore.Http.HttpResponse", "it belongs to one request"),
        ("System.Threading.Tasks.Task", "it is an operation in progress; store its result instead"),
        ("System.Threading.Tasks.ValueTask", "it is an operation in progress; store its result instead"),
        ("System.Threading.Tasks.ValueTask`1", "it is an operation in progress; store its result instead"),
        (TypeNames.Session, "a session cannot be stored in a session"),
        ("System.IntPtr", "a native handle is not data"),
        ("System.UIntPtr", "a native handle is not data"),
    ];

    /// <summary>
    /// Attributes that give System.Text.Json a way to create an interface or abstract class: a converter, or derived
    /// types it can tell apart when it reads (<c>[JsonDerivedType(typeof(Circle), "circle")]</c>, with a discriminator).
    /// </summary>
    private const string JsonConverterAttribute = "System.Text.Json.Serialization.JsonConverterAttribute";
    private const string JsonDerivedTypeAttribute = "System.Text.Json.Serialization.JsonDerivedTypeAttribute";

    /// <summary>
    /// Why a value of <paramref name="type"/> cannot be kept in a session, or <see langword="null"/> when it can. The
    /// reason names the offending type, which may be a type argument or element type (<c>List&lt;Stream&gt;</c>).
    /// </summary>
    public static string? GetNotStorableReason(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.TypeParameter)
        {
            return NotSupportedMessages.TypeParameter(type.ToReadable());
        }

        if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            return GetNotStorableReason(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return GetNotStorableReason(nullable.TypeArguments[0]);
        }

        if (GetOwnNotStorableReason(type) is { } reason)
        {
            return reason;
        }

        if (type is IArrayTypeSymbol array)
        {
            return array.IsSZArray
                ? GetNotStorableReason(array.ElementType)
                : NotSupportedMessages.MultiDimensionalArray(type.ToReadable());
        }

        // An enum has no type arguments of its own; one nested in a generic type is still just a number.
        if (type.TypeKind == TypeKind.Enum)
        {
            return null;
        }

        // Containers are only as storable as what they hold: no List<Stream>, no Dictionary<string, T>.
        return GetAllTypeArguments(type).Select(GetNotStorableReason).FirstOrDefault(static reason => reason is not null);
    }

    /// <summary>Why <paramref name="type"/> itself (not nullable at the top, type arguments aside) cannot be serialized.</summary>
    private static string? GetOwnNotStorableReason(ITypeSymbol type)
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
            { TypeKind: TypeKind.Interface } when !DeserializableInterfaces.Any(type.HasMetadataName) && !HasKnownImplementation(type)
                => NotSupportedMessages.InterfaceType(readable),
            { TypeKind: TypeKind.Class, IsAbstract: true } when !HasKnownImplementation(type)
                => NotSupportedMessages.AbstractType(readable),
            _ => null,
        };
    }

    /// <summary>Whether System.Text.Json is told how to create a value of an interface or abstract class.</summary>
    private static bool HasKnownImplementation(ITypeSymbol type)
        => type.GetAttributes().Any(static attribute => attribute.AttributeClass is { } attributeClass
            && (attributeClass.IsOrDerivesFrom(JsonConverterAttribute)
                || (attributeClass.HasMetadataName(JsonDerivedTypeAttribute) && attribute.ConstructorArguments.Length == 2)));

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
}
