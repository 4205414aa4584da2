using System.Text.Json;
using TypedSessions.Merging;

namespace TypedSessions.Tests.Merging;

/// <summary>Short forms for the merge tests.</summary>
internal static class MergeKit
{
    public static JsonMergeResult Merge(string? baseJson, string? ours, string? theirs, JsonMergeRules? rules = null) =>
        JsonThreeWayMerge.Merge(baseJson, ours, theirs, rules ?? JsonMergeRules.Default);

    public static JsonMergeRules Policy(SessionConflict policy) => new() { OnConflict = policy };

    /// <summary>The merge succeeded without conflicts and wrote exactly <paramref name="expected"/>.</summary>
    public static void Clean(string? expected, JsonMergeResult result)
    {
        Assert.Empty(result.Conflicts);
        Assert.Equal(expected, result.Json);
    }

    /// <summary>The merge reported exactly one conflict.</summary>
    public static JsonMergeConflict SingleConflict(JsonMergeResult result) => Assert.Single(result.Conflicts);

    /// <summary>Equal as JSON: property order ignored, array order kept.</summary>
    public static void JsonEqual(string? expected, string? actual)
    {
        if (expected is null || actual is null)
        {
            Assert.Equal(expected, actual);
            return;
        }

        using var left = JsonDocument.Parse(expected);
        using var right = JsonDocument.Parse(actual);
        Assert.True(JsonElement.DeepEquals(left.RootElement, right.RootElement), $"Expected {expected}{Environment.NewLine}Actual   {actual}");
    }
}
