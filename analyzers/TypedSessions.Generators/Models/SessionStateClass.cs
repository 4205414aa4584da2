using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators.Models;

/// <summary>A <c>[SessionState]</c> class the generator writes one file for.</summary>
/// <param name="HintName">The generated file's name: <c>{Namespace}.{ContainingTypes}.{Type}.g.cs</c>.</param>
/// <param name="Namespace">The namespace as written in a declaration, or <see langword="null"/> for the global namespace.</param>
/// <param name="ContainingTypes">The partial types the class is nested in, outermost first.</param>
/// <param name="Declaration">The class itself.</param>
/// <param name="FullyQualifiedName">The <c>global::</c> name of the class.</param>
/// <param name="ImplementsSessionState">
/// Whether the class gets the session plumbing (constructor, <c>ISessionState</c>); when the class has a shape
/// the generator cannot implement, only its properties are written, and they throw.
/// </param>
/// <param name="Properties">The partial properties to implement, in declaration order.</param>
internal sealed record SessionStateClass(
    string HintName,
    string? Namespace,
    EquatableArray<TypeDeclaration> ContainingTypes,
    TypeDeclaration Declaration,
    string FullyQualifiedName,
    bool ImplementsSessionState,
    EquatableArray<SessionProperty> Properties);
