using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSessions.Generators.Helpers;
using TypedSessions.Generators.Models;

namespace TypedSessions.Generators;

public sealed partial class SessionStateGenerator
{
    /// <summary>Turns a <c>[SessionState]</c> declaration into the model the emitter writes; nothing from Roslyn leaves it.</summary>
    internal static partial class Parser
    {
        /// <summary>
        /// Every attributed type declaration that can hold partial properties. Classes and record classes that are not
        /// partial, or not in partial types, and structs and interfaces (where <c>[SessionState]</c> is not allowed) are
        /// candidates too: a part that only implements their properties turns the compiler's CS9248 into the error
        /// that names what to change (see <see cref="Parse"/>).
        /// </summary>
        public static bool IsCandidate(SyntaxNode node)
            => node is ClassDeclarationSyntax or RecordDeclarationSyntax or StructDeclarationSyntax or InterfaceDeclarationSyntax;

        /// <summary>The model of one attributed class, or <see langword="null"/> when no part can be written for it.</summary>
        /// <remarks>
        /// A declaration the generated part cannot complete as a session state class still gets its partial properties
        /// implemented, with accessors that throw, so the compiler never reports them as missing (CS9248): a declaration
        /// error stops a command-line build before the analyzers run, and CS9248 would hide the TS error that explains
        /// the problem. For a class that is not partial, or is nested in a type that is not, the part makes the compiler
        /// report the missing <see langword="partial"/> on the right declaration (CS0260) instead; for a struct or an
        /// interface, the attribute's own error (CS0592) is left. A file-local type cannot be completed from another
        /// file at all, so nothing is written for it.
        /// </remarks>
        public static SessionStateClass? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type
                || context.TargetNode is not TypeDeclarationSyntax declaration
                || ClassShapes.IsInFileLocalType(type)
                || !IsFirstAttributedDeclaration(context, type))
            {
                return null;
            }

            var compilation = context.SemanticModel.Compilation;
            var className = type.ToDisplayString(SymbolNames.TypeInMessage);
            var classNotSupported = GetNotCompletableReason(type, declaration)
                ?? ClassShapes.GetNotSupportedReasons(type, compilation, cancellationToken).FirstOrDefault();
            var keyPrefix = SessionKeyNames.GetKeyPrefix(context.Attributes[0], type);

            var properties = new List<SessionProperty>();
            var requiresUnsafe = false;
            foreach (var property in SessionProperties.GetPropertiesToImplement(type))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ParseProperty(property, className, keyPrefix, classNotSupported, compilation, cancellationToken) is { } parsed)
                {
                    properties.Add(parsed);
                    requiresUnsafe |= UsesPointers(property);
                }
            }

            if (classNotSupported is not null && properties.Count == 0)
            {
                // Nothing to write: no plumbing for this shape, and no property would be left without an implementation.
                // A part for a type that is not partial would only add an error (CS0260) that hides TS0001.
                return null;
            }

            return new SessionStateClass(
                HintName: GetHintName(type),
                Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(SymbolNames.Namespace),
                ContainingTypes: GetContainingTypes(declaration),
                Declaration: GetDeclaration(declaration, requiresUnsafe ? "unsafe" : ""),
                FullyQualifiedName: type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                ImplementsSessionState: classNotSupported is null,
                Properties: properties.ToEquatableArray());
        }

        /// <summary>
        /// Why no generated part can make <paramref name="type"/> a session state class whatever its members, or
        /// <see langword="null"/>: it is not a class, or it or a type it is nested in is not partial.
        /// </summary>
        private static string? GetNotCompletableReason(INamedTypeSymbol type, TypeDeclarationSyntax declaration)
        {
            if (type.TypeKind != TypeKind.Class)
            {
                return NotSupportedMessages.NotAClass;
            }

            return declaration.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().All(static part => part.Modifiers.Any(SyntaxKind.PartialKeyword))
                ? null
                : NotSupportedMessages.NotPartial;
        }

        /// <summary>
        /// A class attributed on two of its parts (an error the compiler reports) is written once, for the first,
        /// because a second file with the same hint name would make the generator fail.
        /// </summary>
        private static bool IsFirstAttributedDeclaration(GeneratorAttributeSyntaxContext context, INamedTypeSymbol type)
        {
            var attributeClass = context.Attributes[0].AttributeClass;
            var first = type.GetAttributes().FirstOrDefault(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeClass));
            return first?.ApplicationSyntaxReference is { } reference
                && reference.SyntaxTree == context.TargetNode.SyntaxTree
                && context.TargetNode.Span.Contains(reference.Span);
        }

        /// <summary>
        /// The declarations of the types around the class, outermost first, as written: one that is not partial is
        /// repeated all the same, so that the compiler names it (CS0260).
        /// </summary>
        private static EquatableArray<TypeDeclaration> GetContainingTypes(TypeDeclarationSyntax declaration)
        {
            var containingTypes = ImmutableArray.CreateBuilder<TypeDeclaration>();
            for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
            {
                containingTypes.Insert(0, GetDeclaration(parent, modifiers: ""));
            }

            return new EquatableArray<TypeDeclaration>(containingTypes.ToImmutable());
        }

        private static TypeDeclaration GetDeclaration(TypeDeclarationSyntax declaration, string modifiers)
        {
            var keyword = declaration switch
            {
                RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
                RecordDeclarationSyntax => "record",
                StructDeclarationSyntax => "struct",
                InterfaceDeclarationSyntax => "interface",
                _ => "class",
            };

            var typeParameters = declaration.TypeParameterList is { Parameters: { Count: > 0 } parameters }
                ? "<" + string.Join(", ", parameters.Select(static parameter => parameter.VarianceKeyword.IsKind(SyntaxKind.None)
                    ? SymbolNames.EscapeIdentifier(parameter.Identifier.ValueText)
                    : parameter.VarianceKeyword.Text + " " + SymbolNames.EscapeIdentifier(parameter.Identifier.ValueText))) + ">"
                : "";

            return new TypeDeclaration(modifiers, keyword, SymbolNames.EscapeIdentifier(declaration.Identifier.ValueText), typeParameters);
        }

        /// <summary><c>{Namespace}.{ContainingTypes}.{Type}.g.cs</c>; generic types keep their arity (<c>Box`1</c>) to stay unique.</summary>
        private static string GetHintName(INamedTypeSymbol type)
        {
            var parts = new List<string>();
            for (var current = type; current is not null; current = current.ContainingType)
            {
                parts.Insert(0, current.MetadataName);
            }

            // Names as they are, never escaped: '@' is not allowed in a hint name.
            for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                parts.Insert(0, ns.Name);
            }

            return string.Join(".", parts) + ".g.cs";
        }
    }
}
