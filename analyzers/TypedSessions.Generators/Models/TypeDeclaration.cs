namespace TypedSessions.Generators.Models;

/// <summary>
/// One partial type declaration header the generated file repeats:
/// <c>{Modifiers} partial {Keyword} {Name}{TypeParameters}</c>.
/// </summary>
/// <param name="Modifiers">Modifiers the generated part needs (<c>unsafe</c> for pointer members), or empty.</param>
/// <param name="Keyword"><c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The identifier, escaped when it is a keyword.</param>
/// <param name="TypeParameters">The type parameter list with variance (<c>&lt;out T&gt;</c>), or empty.</param>
internal readonly record struct TypeDeclaration(string Modifiers, string Keyword, string Name, string TypeParameters);
