using System.Reflection;
using Microsoft.Extensions.Logging;
using TypedSessions.PostgreSql;
using TypedSessions.Redis;
using TypedSessions.Sqlite;
using TypedSessions.Stores.Tests.Infrastructure;

namespace TypedSessions.Stores.Tests.Observability;

/// <summary>
/// The table of log events in docs/observability.md is the code's, exactly: every <c>[LoggerMessage]</c> of the runtime
/// and the three store packages is listed with its id, name, level and assembly, and the table lists nothing else.
/// </summary>
public sealed class LogEventDocumentationTests
{
    // A [LoggerMessage] without a level takes it as an argument of each call.
    private const string LevelPerCall = "per call";

    private static readonly Assembly[] Shipped =
    [
        typeof(Session).Assembly, typeof(SqliteSessionRecordStore).Assembly, typeof(RedisSessionRecordStore).Assembly,
        typeof(PostgreSqlSessionRecordStore).Assembly,
    ];

    [Fact]
    public void Every_event_id_is_used_once()
    {
        var duplicates = CodeEvents().GroupBy(e => e.Id).Where(group => group.Count() > 1).Select(group => group.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void The_documented_events_are_exactly_those_in_the_code()
    {
        Assert.Equal(CodeEvents().OrderBy(e => e.Id), DocumentedEvents().OrderBy(e => e.Id));
    }

    [Fact]
    public void The_code_declares_the_events_this_test_reads()
    {
        // A reflection that silently found nothing would make the documentation test pass on an empty table.
        var events = CodeEvents();

        Assert.Contains(new LogEvent(1, "SessionDataCorrupted", "Warning", "TypedSessions"), events);
        Assert.Contains(new LogEvent(40, "ExpiredSessionsPurged", LevelPerCall, "TypedSessions"), events);
        Assert.Contains(new LogEvent(201, "RedisConnected", "Debug", "TypedSessions.Redis"), events);
        Assert.Equal(4, events.Select(e => e.Assembly).Distinct().Count());
    }

    private static List<LogEvent> CodeEvents()
        => [.. from assembly in Shipped
               from type in assembly.GetTypes()
               from method in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
               let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
               where attribute is not null
               select new LogEvent(
                   attribute.EventId,
                   attribute.EventName ?? method.Name,
                   attribute.Level == LogLevel.None ? LevelPerCall : attribute.Level.ToString(),
                   assembly.GetName().Name!)];

    private static List<LogEvent> DocumentedEvents()
    {
        var text = RepositoryDocs.Read("observability.md");
        var logging = text[text.IndexOf("\n## Logging", StringComparison.Ordinal)..];
        var events = new List<LogEvent>();
        foreach (var line in logging.Split('\n'))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length > 5 && int.TryParse(cells[1], out var id))
            {
                events.Add(new LogEvent(id, cells[2], cells[3], cells[4]));
            }
        }

        return events;
    }

    private sealed record LogEvent(int Id, string Name, string Level, string Assembly);
}
