using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators.Models;

/// <summary>The implementing declaration of one partial property.</summary>
/// <param name="Name">The identifier, escaped when it is a keyword; <c>this</c> for an indexer.</param>
/// <param name="Modifiers">The modifiers exactly as the defining declaration has them, e.g. <c>public partial</c>.</param>
/// <param name="Type">
/// The <c>global::</c> type with its nullable annotations, prefixed with <c>ref </c> or <c>ref readonly </c> for a
/// property that returns by reference.
/// </param>
/// <param name="Parameters">An indexer's parameter list (<c>[int index]</c>), otherwise empty.</param>
/// <param name="Accessors">The accessors as declared, in order.</param>
/// <param name="Storage">How the value is stored, or <see langword="null"/> when it cannot be.</param>
/// <param name="NotSupportedMessage">
/// Why the property cannot be implemented, when <paramref name="Storage"/> is <see langword="null"/>: its accessors
/// throw <see cref="System.NotSupportedException"/> with this message.
/// </param>
internal sealed record SessionProperty(
    string Name,
    string Modifiers,
    string Type,
    string Parameters,
    EquatableArray<PropertyAccessor> Accessors,
    PropertyStorage? Storage,
    string? NotSupportedMessage);
