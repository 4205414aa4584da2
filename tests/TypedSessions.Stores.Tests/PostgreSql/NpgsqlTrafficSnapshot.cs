namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>The statements one data source ran, and the bytes it sent and received.</summary>
internal sealed class NpgsqlTrafficSnapshot(IReadOnlyList<string> statements, long bytesWritten, long bytesRead)
{
    /// <summary>Each command's SQL, in the order they ran; each was one round trip.</summary>
    public IReadOnlyList<string> Statements { get; } = statements;

    /// <summary>Bytes Npgsql wrote to the socket, including any connection reset it prepended.</summary>
    public long BytesWritten { get; } = bytesWritten;

    public long BytesRead { get; } = bytesRead;

    public int RoundTrips => Statements.Count;

    public IEnumerable<string> Reads => Statements.Where(sql => StartsWith(sql, "SELECT"));

    public IEnumerable<string> Writes => Statements.Where(sql => !StartsWith(sql, "SELECT"));

    private static bool StartsWith(string sql, string keyword) => sql.TrimStart().StartsWith(keyword, StringComparison.OrdinalIgnoreCase);
}
