namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>What an operation does to a session, as the usage rules see it.</summary>
internal enum SessionEffectKind
{
    None,

    /// <summary>Changes what would be saved: <c>Set</c>, <c>Remove</c>, a typed property set, <c>cart.Lines.Add(...)</c>.</summary>
    Change,

    /// <summary><c>SaveAsync</c> (or ASP.NET's <c>ISession.CommitAsync</c>): what was changed is now stored.</summary>
    Save,

    /// <summary><c>CycleKeyAsync</c>: stores the data under a new key, which only a later cookie can carry.</summary>
    CycleKey,

    /// <summary><c>FlushAsync</c>: deletes the record and the data; nothing is left to save.</summary>
    Flush,
}
