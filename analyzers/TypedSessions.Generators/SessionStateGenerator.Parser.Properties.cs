using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TypedSessions.Generators.Helpers;
using TypedSessions.Generators.Models;

namespace TypedSessions.Generators;

public sealed partial class SessionStateGenerator
{
    internal static partial class Parser
    {
        private static SessionProperty? ParseProperty(
            IPropertySymbol property,
            string className,
            string keyPrefix,
            string? classNotSupported,
            Compilation compilation,
            CancellationToken cancellationToken)
        {
            if (property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not BasePropertyDeclarationSyntax { AccessorList: { } accessorList } syntax)
            {
                return null;
            }

            // The implementation must repeat the definition's modifiers and accessors exactly (CS9250 and friends otherwise).
            var modifiers = string.Join(" ", syntax.Modifiers.Select(static modifier => modifier.Text));
            var accessors = accessorList.Accessors
                .Select(static accessor => new PropertyAccessor(string.Join(" ", accessor.Modifiers.Select(static modifier => modifier.Text)), accessor.Keyword.Text))
                .ToEquatableArray();

            var refPrefix = property.ReturnsByRefReadonly ? "ref readonly " : property.ReturnsByRef ? "ref " : "";
            var name = property.IsIndexer ? "this" : SymbolNames.EscapeIdentifier(property.Name);
            var type = refPrefix + property.Type.ToFullyQualified();
            var parameters = property.IsIndexer ? GetIndexerParameters(property) : "";

            var codec = ResolveCodec(property.Type);
            var notSupported = classNotSupported ?? SessionProperties.GetShapeNotSupportedReason(property) ?? codec.NotSupportedReason;
            if (notSupported is not null)
            {
                var message = NotSupportedMessages.Property(className, property.IsIndexer ? "this[]" : property.Name, notSupported);
                return new SessionProperty(name, modifiers, type, parameters, accessors, Storage: null, message);
            }

            var key = SessionKeyNames.GetKey(property, keyPrefix);
            var storage = new PropertyStorage(
                Key: key,
                CodecField: "__" + property.Name + "Codec",
                Codec: SessionKeyMergeRules.WrapCodec(property, codec.Expression!),
                WhenMissing: GetWhenMissing(property.Type, property.ContainingType, compilation),
                FormerKeys: SessionKeyNames.GetFormerKeys(property, key).ToEquatableArray(),
                FormerKeysField: "__" + property.Name + "FormerKeys");
            return new SessionProperty(name, modifiers, type, parameters, accessors, storage, NotSupportedMessage: null);
        }

        /// <summary>An indexer's parameters as the implementation repeats them; default values stay on the definition.</summary>
        private static string GetIndexerParameters(IPropertySymbol property)
            => "[" + string.Join(", ", property.Parameters.Select(static parameter =>
                (parameter.IsParams ? "params " : "")
                + parameter.RefKind switch
                {
                    RefKind.Ref => "ref ",
                    RefKind.Out => "out ",
                    RefKind.In => "in ",
                    RefKind.RefReadOnlyParameter => "ref readonly ",
                    _ => "",
                }
                + parameter.Type.ToFullyQualified() + " " + SymbolNames.EscapeIdentifier(parameter.Name))) + "]";

        /// <summary>Whether the property's signature needs an unsafe context in the generated part.</summary>
        private static bool UsesPointers(IPropertySymbol property)
            => ContainsPointer(property.Type) || property.Parameters.Any(static parameter => ContainsPointer(parameter.Type));

        private static bool ContainsPointer(ITypeSymbol type) => type switch
        {
            IPointerTypeSymbol or IFunctionPointerTypeSymbol => true,
            IArrayTypeSymbol array => ContainsPointer(array.ElementType),
            _ => false,
        };
    }
}
