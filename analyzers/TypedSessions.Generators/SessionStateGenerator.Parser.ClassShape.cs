using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators;

public sealed partial class SessionStateGenerator
{
    internal static partial class Parser
    {
        /// <summary>
        /// Why the generated part cannot give the class its session plumbing (a constructor taking the session and
        /// <c>ISessionState&lt;T&gt;</c>), or <see langword="null"/> when it can. Each reason is a shape for which the
        /// plumbing would not compile or could not work; the analyzers report the same shapes as errors.
        /// </summary>
        private static string? GetClassNotSupportedReason(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
        {
            if (type.IsGenericType || IsNestedInGenericType(type))
            {
                return NotSupportedMessages.GenericClass;
            }

            if (type.IsStatic)
            {
                return NotSupportedMessages.StaticClass;
            }

            if (type.IsAbstract)
            {
                return NotSupportedMessages.AbstractClass;
            }

            if (type.IsRecord && HasPrimaryConstructor(type, cancellationToken))
            {
                return NotSupportedMessages.RecordWithPrimaryConstructor;
            }

            if (type.InstanceConstructors.Any(constructor => !constructor.IsImplicitlyDeclared && !IsRecordCopyConstructor(type, constructor)))
            {
                return NotSupportedMessages.DeclaresConstructor;
            }

            if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType
                && !baseType.InstanceConstructors.Any(constructor =>
                    constructor.Parameters.All(static parameter => parameter.IsOptional || parameter.IsParams)
                    && compilation.IsSymbolAccessibleWithin(constructor, type)))
            {
                return NotSupportedMessages.BaseWithoutParameterlessConstructor(baseType.ToReadable());
            }

            if (HasRequiredMembers(type))
            {
                return NotSupportedMessages.RequiredMembers;
            }

            return GetReservedMemberName(type) is { } reserved ? NotSupportedMessages.ReservedMemberName(reserved) : null;
        }

        /// <summary>
        /// A member the generated part would clash with (CS0102, CS0111) or hide (CS0108): one named like the
        /// generated field or <c>BindAsync</c> in the class, or visible from a base class.
        /// </summary>
        private static string? GetReservedMemberName(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var name in ReservedMemberNames)
                {
                    if (current.GetMembers(name).Any(member =>
                        SymbolEqualityComparer.Default.Equals(current, type) || member.DeclaredAccessibility != Accessibility.Private))
                    {
                        return name;
                    }
                }
            }

            return null;
        }

        private static readonly string[] ReservedMemberNames = ["__session", "BindAsync"];

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

        /// <summary>A hand-written copy constructor of a record (<c>protected R(R original)</c>) does not get in the way.</summary>
        private static bool IsRecordCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor)
            => type.IsRecord
                && constructor.Parameters.Length == 1
                && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type.OriginalDefinition, type.OriginalDefinition);

        /// <summary>The generated <c>new T(session)</c> would not compile (CS9035) if the class or a base had required members.</summary>
        private static bool HasRequiredMembers(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.GetMembers().Any(static member => member is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
