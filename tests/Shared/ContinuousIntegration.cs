namespace TypedSessions.Testing;

/// <summary>
/// Tells whether the tests run under continuous integration, where a missing server binary must fail rather than skip and
/// baselines must never be rewritten. CI systems set <c>CI</c> to different values (<c>true</c>, <c>1</c>, a system's name),
/// so any value other than unset, empty, <c>false</c> or <c>0</c> counts.
/// </summary>
internal static class ContinuousIntegration
{
    public const string Variable = "CI";

    public static bool IsCi => IsCiValue(Environment.GetEnvironmentVariable(Variable));

    /// <summary>Whether <paramref name="value"/>, a value of <c>CI</c>, means the run is under CI.</summary>
    public static bool IsCiValue(string? value)
    {
        var trimmed = value?.Trim();
        return !string.IsNullOrEmpty(trimmed)
            && !string.Equals(trimmed, "false", StringComparison.OrdinalIgnoreCase)
            && trimmed != "0";
    }
}
