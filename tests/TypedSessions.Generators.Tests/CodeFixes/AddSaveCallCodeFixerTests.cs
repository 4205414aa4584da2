using Verifier = TypedSessions.Generators.Tests.Infrastructure.CodeFixVerifier<
    TypedSessions.Generators.Diagnostics.Analyzers.ChangedButNotSavedAnalyzer,
    TypedSessions.CodeFixes.AddSaveCallCodeFixer>;

namespace TypedSessions.Generators.Tests.CodeFixes;

/// <summary>The TS0101 fix: 'await session.SaveAsync()' after the statement that holds the last unsaved change.</summary>
public sealed class AddSaveCallCodeFixerTests
{
    [Fact]
    public async Task Adds_the_save_after_the_last_change()
    {
        await Verifier.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.Set("visits", 1);
                    {|TS0101:session.Remove("queued")|};
                    System.Console.WriteLine("done");
                }
            }
            """, """
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.Set("visits", 1);
                    session.Remove("queued");
                    await session.SaveAsync();
                    System.Console.WriteLine("done");
                }
            }
            """);
    }

    [Fact]
    public async Task Passes_the_cancellation_token_and_saves_after_the_statement_that_holds_the_change()
    {
        await Verifier.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key, bool reset, CancellationToken stoppingToken)
                {
                    var session = await sessions.OpenAsync(key, stoppingToken);
                    if (reset)
                    {
                        {|TS0101:session.Clear()|};
                    }
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key, bool reset, CancellationToken stoppingToken)
                {
                    var session = await sessions.OpenAsync(key, stoppingToken);
                    if (reset)
                    {
                        session.Clear();
                    }
                    await session.SaveAsync(stoppingToken);
                }
            }
            """);
    }

    [Fact]
    public async Task Adds_a_top_level_statement_in_a_program()
    {
        await new Verifier.Test
        {
            TestCode = """
                using Microsoft.Extensions.DependencyInjection;
                using TypedSessions;

                var services = new ServiceCollection();
                services.AddTypedSessions().AddMemoryStore();
                await using var provider = services.BuildServiceProvider();
                var session = await provider.GetRequiredService<ISessionManager>().CreateAsync();
                {|TS0101:session.Set("seeded", true)|};
                System.Console.WriteLine(session.Key);
                """,
            FixedCode = """
                using Microsoft.Extensions.DependencyInjection;
                using TypedSessions;

                var services = new ServiceCollection();
                services.AddTypedSessions().AddMemoryStore();
                await using var provider = services.BuildServiceProvider();
                var session = await provider.GetRequiredService<ISessionManager>().CreateAsync();
                session.Set("seeded", true);
                await session.SaveAsync();
                System.Console.WriteLine(session.Key);
                """,
            TestState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
            FixedState = { OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication },
        }.RunAsync();
    }

    [Fact]
    public async Task Fix_all_saves_every_session_of_the_document()
    {
        await Verifier.VerifyCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Jobs(ISessionManager sessions)
            {
                public async Task MarkAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    {|TS0101:session.Set("marked", true)|};
                }

                public async Task ResetAsync(string first, string second, CancellationToken cancellationToken)
                {
                    var a = await sessions.OpenAsync(first, cancellationToken);
                    var b = await sessions.OpenAsync(second, cancellationToken);
                    a.Clear();
                    {|TS0101:b.Clear()|};
                    {|TS0101:a.Set("reset", true)|};
                }
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Jobs(ISessionManager sessions)
            {
                public async Task MarkAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.Set("marked", true);
                    await session.SaveAsync();
                }

                public async Task ResetAsync(string first, string second, CancellationToken cancellationToken)
                {
                    var a = await sessions.OpenAsync(first, cancellationToken);
                    var b = await sessions.OpenAsync(second, cancellationToken);
                    a.Clear();
                    b.Clear();
                    await b.SaveAsync(cancellationToken);
                    a.Set("reset", true);
                    await a.SaveAsync(cancellationToken);
                }
            }
            """);
    }

    [Fact]
    public async Task Typed_view_without_a_session_variable_gets_no_fix()
    {
        const string source = """
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var cart = (await sessions.OpenAsync(key)).GetState<Cart>();
                    {|TS0101:cart.Count++|};
                }
            }

            [SessionState]
            public partial class Cart
            {
                public partial int Count { get; set; }
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, source);
    }
}
