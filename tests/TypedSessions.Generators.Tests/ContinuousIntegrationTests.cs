namespace TypedSessions.Generators.Tests;

/// <summary>
/// Which values of <c>CI</c> count as a CI run: CI systems set <c>true</c>, <c>1</c> or their own name, and a run that missed
/// one would skip tests whose servers are missing and exit 0.
/// </summary>
public class ContinuousIntegrationTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData("1")]
    [InlineData("yes")]
    [InlineData("azure")]
    [InlineData(" true ")]
    public void A_set_value_means_CI(string value) => Assert.True(ContinuousIntegration.IsCiValue(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("false")]
    [InlineData("FALSE")]
    [InlineData("0")]
    [InlineData(" ")]
    public void An_unset_or_false_value_means_not_CI(string? value) => Assert.False(ContinuousIntegration.IsCiValue(value));
}
