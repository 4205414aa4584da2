namespace TypedSessions.Tests.Browser;

/// <summary>
/// The Chromium test classes, run one after another rather than side by side: two browsers at once on a small machine
/// slow page loads past Playwright's timeouts.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection
{
    public const string Name = "Chromium";
}
