namespace TypedSessions.Stores;

/// <summary>
/// A store that says what it is, for the tags of the <c>TypedSessions</c> meter and the spans of the
/// <c>TypedSessions</c> activity source. A store without it is named after its type and its spans carry no
/// <c>db.*</c> attributes.
/// </summary>
public interface IDescribedSessionStore
{
    /// <summary>The store's name and database attributes; read once, when the engine starts.</summary>
    SessionStoreDescription Description { get; }
}
