namespace TypedSessions.Testing;

/// <summary>
/// Finds the installed binaries that tests start throwaway instances of (servers, a browser). Outside CI a missing binary
/// skips the test with the reason; under CI (see <see cref="ContinuousIntegration"/>) it fails, so a missing install step
/// cannot pass unnoticed.
/// </summary>
internal static class ServerBinaries
{
    /// <summary>The first existing path among <paramref name="candidates"/>, or null.</summary>
    public static string? Find(params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (Path.IsPathRooted(candidate))
            {
                if (File.Exists(candidate))
                {
                    return candidate;
                }

                continue;
            }

            foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            {
                var path = Path.Combine(directory, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    /// <summary>Skips (or, under CI, fails) the calling test when <paramref name="reason"/> is not null.</summary>
    public static void SkipOrFailIfUnavailable(string? reason)
    {
        if (reason is null)
        {
            return;
        }

        if (ContinuousIntegration.IsCi)
        {
            Assert.Fail($"{reason} CI is set, so this is a failure: .ci/run must install it.");
        }

        Skip.If(true, reason);
    }
}
