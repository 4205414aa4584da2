namespace TypedSessions.Generators;

/// <summary>What <c>[GeneratedCode]</c> says about this generator.</summary>
internal static class GeneratorInfo
{
    public const string Name = "TypedSessions.Generators";

    // A constant rather than the assembly version, so baselines do not depend on how the assembly was built;
    // a test keeps it equal to <Version> in Directory.Build.props.
    public const string Version = "0.1.0";
}
