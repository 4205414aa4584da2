using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace TypedSessions.Stores.Tests.Observability;

/// <summary>
/// The spans around a store's calls carry OpenTelemetry's database attributes for that store, and never a session key
/// or record id: a session created, changed, cycled and flushed through <see cref="ISessionManager"/>.
/// </summary>
public abstract class StoreSpanTests
{
    protected abstract void AddStore(TypedSessionsBuilder sessions);

    /// <summary>The db.* and server.* tags every span of the store carries.</summary>
    protected abstract IReadOnlyDictionary<string, object> ExpectedDatabaseTags { get; }

    /// <summary>The target in the span name: the table, or the database index.</summary>
    protected abstract string SpanTarget { get; }

    [SkippableFact]
    public async Task Every_store_call_has_a_client_span_with_the_database_attributes_and_no_key_or_record_id()
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(TestClock.New());
        AddStore(services.AddTypedSessions(options => options.PurgeInterval = null));
        await using var provider = services.BuildServiceProvider();
        var manager = provider.GetRequiredService<ISessionManager>();
        var secrets = new List<string>();

        using (var trace = new TraceRecorder())
        {
            var session = await manager.OpenAsync(null);
            session.Set("cart", 3);
            await session.SaveAsync();
            secrets.AddRange([session.Key!, session.RecordId!]);
            var reopened = await manager.OpenAsync(session.Key);
            reopened.Set("cart", 4);
            await reopened.SaveAsync();
            await reopened.CycleKeyAsync();
            secrets.AddRange([reopened.Key!, reopened.RecordId!]);
            await reopened.FlushAsync();

            var spans = trace.Spans;
            Assert.Equal(
                ["create", "load", "update", "create", "delete", "delete"],
                spans.Select(span => span.GetTagItem("db.operation.name")));
            foreach (var span in spans)
            {
                Assert.Equal(ActivityKind.Client, span.Kind);
                Assert.Equal($"{span.GetTagItem("db.operation.name")} {SpanTarget}", span.DisplayName);
                foreach (var (name, value) in ExpectedDatabaseTags)
                {
                    Assert.Equal(value, span.GetTagItem(name));
                }

                var texts = span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}").Append(span.DisplayName);
                Assert.All(texts, text => Assert.DoesNotContain(secrets, secret => text.Contains(secret, StringComparison.OrdinalIgnoreCase)));
            }
        }
    }
}
