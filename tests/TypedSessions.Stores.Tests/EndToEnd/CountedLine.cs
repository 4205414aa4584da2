namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>A list element with an identity, as a cart line is: the merge tells elements apart by <see cref="Id"/>.</summary>
public sealed class CountedLine
{
    public int Id { get; set; }

    public int Count { get; set; }
}
