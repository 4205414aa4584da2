using System.Runtime.CompilerServices;
using System.Text;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated files with the checked-in files under <c>Baselines/&lt;TestName&gt;/&lt;hintName&gt;</c>.
/// <c>UPDATE_BASELINES=1 dotnet test</c> rewrites them instead (never in CI); review the diff before committing.
/// </summary>
internal static class Baseline
{
    private const string UpdateVariable = "UPDATE_BASELINES";

    public static void Verify(GeneratorOutput output, [CallerMemberName] string testName = "")
    {
        var actual = output.Sources.ToDictionary(source => source.HintName, source => Normalize(source.SourceText.ToString()), StringComparer.Ordinal);
        Assert.NotEmpty(actual);

        if (IsUpdating(Environment.GetEnvironmentVariable))
        {
            Write(Path.Combine(SourceBaselinesFolder(), testName), actual);
            return;
        }

        var folder = Path.Combine(ReadBaselinesFolder(), testName);
        var expected = Directory.Exists(folder)
            ? Directory.GetFiles(folder).ToDictionary(path => Path.GetFileName(path), path => Normalize(File.ReadAllText(path)), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

        var failures = new StringBuilder();
        foreach (var (hintName, text) in actual.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!expected.TryGetValue(hintName, out var expectedText))
            {
                failures.AppendLine($"New file {testName}/{hintName} has no baseline. Generated:").AppendLine(text);
            }
            else if (expectedText != text)
            {
                failures.AppendLine($"{testName}/{hintName} differs from its baseline (- baseline, + generated):")
                    .AppendLine(LineDiff.Format(expectedText, text));
            }
        }

        foreach (var hintName in expected.Keys.Except(actual.Keys).Order(StringComparer.Ordinal))
        {
            failures.AppendLine($"Baseline {testName}/{hintName} was not generated.");
        }

        if (failures.Length > 0)
        {
            Assert.Fail(failures.AppendLine($"Run `{UpdateVariable}=1 dotnet test tests/TypedSessions.Generators.Tests` to accept the generated output.").ToString());
        }
    }

    /// <summary>
    /// Whether to rewrite the baselines instead of comparing, from the variables <paramref name="readVariable"/> returns
    /// (the process environment in the tests; a fake one in the guard's own tests). Fails the test when asked to rewrite under CI.
    /// </summary>
    internal static bool IsUpdating(Func<string, string?> readVariable)
    {
        if (readVariable(UpdateVariable) is not ("1" or "true"))
        {
            return false;
        }

        // A CI run that rewrote its own baselines would pass whatever the generator produced.
        Assert.False(ContinuousIntegration.IsCiValue(readVariable(ContinuousIntegration.Variable)), $"{UpdateVariable} must not be set in CI.");
        return true;
    }

    private static void Write(string folder, Dictionary<string, string> files)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        foreach (var (hintName, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, hintName), text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }

    /// <summary>The baselines next to the test sources, when this machine built the tests; otherwise the copies in the output folder.</summary>
    private static string ReadBaselinesFolder()
    {
        var source = SourceBaselinesFolder();
        return Directory.Exists(source) ? source : Path.Combine(AppContext.BaseDirectory, "Baselines");
    }

    private static string SourceBaselinesFolder([CallerFilePath] string thisFile = "")
        => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile))!, "Baselines");

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
