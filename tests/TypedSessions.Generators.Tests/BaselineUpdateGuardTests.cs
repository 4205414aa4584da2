using TypedSessions.Generators.Tests.Infrastructure;
using Xunit.Sdk;

namespace TypedSessions.Generators.Tests;

/// <summary>
/// <c>UPDATE_BASELINES</c> rewrites the snapshot baselines; under CI it must fail instead, or a CI run would accept whatever
/// the generator produced. The environment is passed in, so these tests change no process-wide variable.
/// </summary>
public class BaselineUpdateGuardTests
{
    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("yes")]
    public void Updating_under_CI_fails(string ci)
        => Assert.ThrowsAny<XunitException>(() => Baseline.IsUpdating(Environment(update: "true", ci: ci)));

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("0")]
    public void Updating_outside_CI_is_allowed(string? ci) => Assert.True(Baseline.IsUpdating(Environment(update: "1", ci: ci)));

    [Fact]
    public void Without_the_variable_the_baselines_are_compared() => Assert.False(Baseline.IsUpdating(Environment(update: null, ci: "1")));

    private static Func<string, string?> Environment(string? update, string? ci)
        => name => name switch
        {
            "UPDATE_BASELINES" => update,
            "CI" => ci,
            _ => null,
        };
}
