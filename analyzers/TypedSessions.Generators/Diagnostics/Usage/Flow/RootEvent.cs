namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>Something that happens to a tracked session at one place of a function.</summary>
internal readonly struct RootEvent(RootEventKind kind, OperationSite site)
{
    public RootEventKind Kind { get; } = kind;

    public OperationSite Site { get; } = site;
}

/// <summary>The kinds of <see cref="RootEvent"/>.</summary>
internal enum RootEventKind
{
    /// <summary>The session now differs from what is stored.</summary>
    Change,

    /// <summary>The session is stored (or flushed, or cycled): earlier changes are safe.</summary>
    Save,

    /// <summary>The variable gets another session (or none): unsaved changes of the old one are lost.</summary>
    Kill,
}
