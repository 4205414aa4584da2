namespace TypedSessions;

/// <summary>Marks an endpoint whose session the middleware loads before it runs; see <see cref="LoadSessionAttribute"/>.</summary>
public interface ILoadSessionMetadata
{
}
