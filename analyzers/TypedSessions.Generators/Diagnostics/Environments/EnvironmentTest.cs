namespace TypedSessions.Generators.Diagnostics.Environments;

/// <summary>One fact about the environment that a path to a call requires: <paramref name="Key"/> is <paramref name="Value"/>.</summary>
/// <param name="Key">
/// The environment name tested, lowercase (<c>IsEnvironment</c> ignores case), e.g. <c>development</c>; or, for a name
/// that is not a constant (<c>IsEnvironment(name)</c>), the text that computes it.
/// </param>
/// <param name="NamesAnEnvironment">
/// Whether <paramref name="Key"/> is an environment name: at most one name is the current environment, so two of them
/// cannot both be true.
/// </param>
/// <param name="Value">Whether the environment must be that one.</param>
internal readonly record struct EnvironmentTest(string Key, bool NamesAnEnvironment, bool Value);
