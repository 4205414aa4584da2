using Microsoft.CodeAnalysis;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>An operation's effect on a session, and the expression that names the session (or typed view) it acts on.</summary>
internal readonly struct SessionEffect(SessionEffectKind kind, IOperation? receiver)
{
    public static SessionEffect None => default;

    public SessionEffectKind Kind { get; } = kind;

    /// <summary>The session, ASP.NET <c>ISession</c> or typed view the effect applies to.</summary>
    public IOperation? Receiver { get; } = receiver;

    /// <summary>Whether the effect leaves the session different from what is stored.</summary>
    public bool IsChange => Kind == SessionEffectKind.Change;

    /// <summary>Whether nothing changed before the effect is left unsaved (save, cycle or flush).</summary>
    public bool IsSave => Kind is SessionEffectKind.Save or SessionEffectKind.CycleKey or SessionEffectKind.Flush;
}
