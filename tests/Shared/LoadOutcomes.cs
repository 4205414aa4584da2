using TypedSessions.Stores;

namespace TypedSessions.Testing;

/// <summary>How many loads of a fuzz run found a record, found none, or found it unreadable: proof that the inputs reach every outcome.</summary>
internal sealed class LoadOutcomes
{
    public int Found { get; private set; }

    public int NotFound { get; private set; }

    public int Unreadable { get; private set; }

    public void Add(SessionLoadResult loaded)
    {
        if (loaded.IsFound)
        {
            Found++;
        }
        else if (loaded.IsUnreadable)
        {
            Unreadable++;
        }
        else
        {
            NotFound++;
        }
    }

    public override string ToString() => $"{Found:N0} found, {NotFound:N0} not found (expired), {Unreadable:N0} unreadable";
}
