namespace TypedSessions.Generators.Models;

/// <summary>One accessor of a property as declared, e.g. <c>private set</c>.</summary>
/// <param name="Modifiers">The accessor's own modifiers, or empty.</param>
/// <param name="Keyword"><c>get</c>, <c>set</c> or <c>init</c>.</param>
internal readonly record struct PropertyAccessor(string Modifiers, string Keyword);
