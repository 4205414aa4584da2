using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TypedSessions.Stores.Tests.Sqlite;

/// <summary>Raw SQL on a test's own connection, to inspect or tamper with what the store wrote.</summary>
internal static class SqliteRawSql
{
    /// <summary>The first column of every row, as invariant text.</summary>
    public static List<string> Strings(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return rows;
    }

    public static int Execute(this SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }
}
