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
        /// <summary>Only partial classes and record classes can be completed by a generated part.</summary>
        public static bool IsCandidate(SyntaxNode node)
            => node is ClassDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword }
                && ((TypeDeclarationSyntax)node).Modifiers.Any(SyntaxKind.PartialKeyword);

        /// <summary>The model of one attributed class, or <see langword="null"/> when no part can be written for it.</summary>
        public static SessionStateClass? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type
                || context.TargetNode is not TypeDeclarationSyntax declaration
                || type.IsFileLocal
                || !IsFirstAttributedDeclaration(context, type)
                || GetContainingTypes(declaration) is not { } containingTypes)
            {
                return null;
            }

            var compilation = context.SemanticModel.Compilation;
            var className = type.ToDisplayString(SymbolNames.TypeInMessage);
            var classNotSupported = ClassShapes.GetNotSupportedReasons(type, compilation, cancellationToken).FirstOrDefault();
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
                return null;
            }

            return new SessionStateClass(
                HintName: GetHintName(type),
                Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(SymbolNames.Namespace),
                ContainingTypes: containingTypes,
                Declaration: GetDeclaration(declaration, requiresUnsafe ? "unsafe" : ""),
                FullyQualifiedName: type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                ImplementsSessionState: classNotSupported is null,
                Properties: properties.ToEquatableArray());
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

        /// <summary>The declarations of the types around the class, outermost first, or null when one is not partial.</summary>
        private static EquatableArray<TypeDeclaration>? GetContainingTypes(TypeDeclarationSyntax declaration)
        {
            var containingTypes = ImmutableArray.CreateBuilder<TypeDeclaration>();
            for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
            {
                if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return null;
                }

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
