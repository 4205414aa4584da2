using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators;

/// <summary>
/// Which <c>[SessionState]</c> classes can get the generated session plumbing (a constructor taking the session and
/// <c>ISessionState&lt;T&gt;</c>). The generator gives the others throwing properties only, and the TS0005 analyzer
/// reports them, from this one classification.
/// </summary>
internal static class ClassShapes
{
    private static readonly string[] ReservedMemberNames = ["__session"];

    /// <summary>
    /// Every reason the plumbing would not compile or could not work for <paramref name="type"/>, in a fixed order;
    /// empty when the class is supported. The generator needs the first, the analyzer reports each.
    /// </summary>
    public static IEnumerable<string> GetNotSupportedReasons(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        if (type.IsGenericType || IsNestedInGenericType(type))
        {
            yield return NotSupportedMessages.GenericClass;
        }

        if (type.IsStatic)
        {
            yield return NotSupportedMessages.StaticClass;
        }

        if (type.IsAbstract && !type.IsStatic)
        {
            yield return NotSupportedMessages.AbstractClass;
        }

        if (type.IsRecord && HasPrimaryConstructor(type, cancellationToken))
        {
            yield return NotSupportedMessages.RecordWithPrimaryConstructor;
        }

        // A record's primary constructor has its own reason above; a class's primary constructor is one it declares.
        if (type.InstanceConstructors.Any(constructor => !constructor.IsImplicitlyDeclared
            && !GeneratedMembers.IsGenerated(constructor)
            && !IsRecordCopyConstructor(type, constructor)
            && !(type.IsRecord && IsPrimaryConstructor(constructor, cancellationToken))))
        {
            yield return NotSupportedMessages.DeclaresConstructor;
        }

        // The base's generated constructor takes its session and is private, and its ISessionState<T> is for another
        // type: a base with plumbing of its own is one reason, not several.
        var sessionStateBase = GetSessionStateBase(type);
        if (sessionStateBase is not null)
        {
            yield return NotSupportedMessages.DerivesFromSessionState(sessionStateBase.ToReadable());
        }
        else if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType
            && !baseType.InstanceConstructors.Any(constructor =>
                constructor.Parameters.All(static parameter => parameter.IsOptional || parameter.IsParams)
                && compilation.IsSymbolAccessibleWithin(constructor, type)))
        {
            yield return NotSupportedMessages.BaseWithoutParameterlessConstructor(baseType.ToReadable());
        }

        if (HasRequiredMembers(type))
        {
            yield return NotSupportedMessages.RequiredMembers;
        }

        if (sessionStateBase is null && GetReservedMemberName(type) is { } reserved)
        {
            yield return NotSupportedMessages.ReservedMemberName(reserved);
        }
    }

    /// <summary>
    /// A member the generated part would clash with (CS0102, CS0111) or hide (CS0108): one named like the
    /// generated field in the class, or visible from a base class.
    /// </summary>
    private static string? GetReservedMemberName(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var name in ReservedMemberNames)
            {
                if (current.GetMembers(name).Any(member =>
                    !GeneratedMembers.IsGenerated(member)
                    && (SymbolEqualityComparer.Default.Equals(current, type) || member.DeclaredAccessibility != Accessibility.Private)))
                {
                    return name;
                }
            }
        }

        return null;
    }

    private static INamedTypeSymbol? GetSessionStateBase(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.GetAttributes().Any(static attribute => attribute.AttributeClass?.HasMetadataName(TypeNames.SessionStateAttribute) == true))
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the class, or a type it is nested in, is <see langword="file"/>-local: its parts must all be in one
    /// file, so a generated part in another file can never complete it.
    /// </summary>
    public static bool IsInFileLocalType(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNestedInGenericType(INamedTypeSymbol type)
    {
        for (var current = type.ContainingType; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasPrimaryConstructor(INamedTypeSymbol type, CancellationToken cancellationToken)
        => type.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: not null });

    private static bool IsPrimaryConstructor(IMethodSymbol constructor, CancellationToken cancellationToken)
        => constructor.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax);

    /// <summary>A hand-written copy constructor of a record (<c>protected R(R original)</c>) does not get in the way.</summary>
    private static bool IsRecordCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor)
        => type.IsRecord
            && constructor.Parameters.Length == 1
            && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type.OriginalDefinition, type.OriginalDefinition);

    /// <summary>Whether the type or a base has required members: <c>new T()</c> would not compile (CS9035) without setting them.</summary>
    public static bool HasRequiredMembers(INamedTypeSymbol type)
    {
        // Whether a member is required is declared, so the generic definitions answer for every construction of them.
        for (var current = type.OriginalDefinition; current is not null; current = current.BaseType?.OriginalDefinition)
        {
            if (current.GetMembers().Any(static member => member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }))
            {
                return true;
            }
        }

        return false;
    }
}
