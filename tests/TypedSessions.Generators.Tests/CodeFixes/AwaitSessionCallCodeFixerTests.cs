using Verifier = TypedSessions.Generators.Tests.Infrastructure.CodeFixVerifier<
    TypedSessions.Generators.Diagnostics.Analyzers.SyncOverAsyncLoadAnalyzer,
    TypedSessions.CodeFixes.AwaitSessionCallCodeFixer>;

namespace TypedSessions.Generators.Tests.CodeFixes;

/// <summary>The TS0104 fix: 'await call' instead of blocking, where the function is already async.</summary>
public sealed class AwaitSessionCallCodeFixerTests
{
    [Fact]
    public async Task Result_becomes_await_without_needless_parentheses()
    {
        await Verifier.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using TypedSessions;

            public static class Handlers
            {
                public static async Task Visit(HttpContext context)
                {
                    var session = {|TS0104:context.GetSessionAsync().Result|};
                    session.Set("visited", true);
                    await Task.Yield();
                }
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using TypedSessions;

            public static class Handlers
            {
                public static async Task Visit(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    session.Set("visited", true);
                    await Task.Yield();
                }
            }
            """);
    }

    [Fact]
    public async Task Result_used_as_a_receiver_is_parenthesized()
    {
        await Verifier.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using TypedSessions;

            public static class Handlers
            {
                public static async Task<string?> Key(HttpContext context)
                {
                    await Task.Yield();
                    return {|TS0104:context.GetSessionAsync().Result|}.Key;
                }
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using TypedSessions;

            public static class Handlers
            {
                public static async Task<string?> Key(HttpContext context)
                {
                    await Task.Yield();
                    return (await context.GetSessionAsync()).Key;
                }
            }
            """);
    }

    [Fact]
    public async Task Wait_becomes_an_awaited_statement_and_ConfigureAwait_is_kept()
    {
        await Verifier.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.Set("done", true);
                    {|TS0104:session.SaveAsync().AsTask().Wait()|};
                    {|TS0104:session.CycleKeyAsync().ConfigureAwait(false).GetAwaiter().GetResult()|};
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
                    session.Set("done", true);
                    await session.SaveAsync();
                    await session.CycleKeyAsync().ConfigureAwait(false);
                }
            }
            """);
    }

    [Fact]
    public async Task Async_lambda_gets_the_fix()
    {
        await Verifier.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using TypedSessions;

            public static class Handlers
            {
                public static Func<HttpContext, Task> Handler { get; } = async context =>
                {
                    {|TS0104:context.GetSessionAsync().Result|}.Set("seen", true);
                    await context.Response.WriteAsync("ok");
                };
            }
            """, """
            using System;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using TypedSessions;

            public static class Handlers
            {
                public static Func<HttpContext, Task> Handler { get; } = async context =>
                {
                    (await context.GetSessionAsync()).Set("seen", true);
                    await context.Response.WriteAsync("ok");
                };
            }
            """);
    }

    [Fact]
    public async Task Task_kept_in_a_local_is_awaited_where_it_was_blocked_on()
    {
        await Verifier.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var opening = sessions.OpenAsync(key);
                    await Task.Yield();
                    var session = {|TS0104:opening.AsTask().Result|};
                    session.Set("done", true);
                    var saving = session.SaveAsync();
                    {|TS0104:saving.GetAwaiter().GetResult()|};
                }
            }
            """, """
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var opening = sessions.OpenAsync(key);
                    await Task.Yield();
                    var session = await opening;
                    session.Set("done", true);
                    var saving = session.SaveAsync();
                    await saving;
                }
            }
            """);
    }

    [Fact]
    public async Task Synchronous_method_gets_no_fix()
    {
        const string source = """
            using Microsoft.AspNetCore.Http;
            using TypedSessions;

            public static class Handlers
            {
                public static string? Key(HttpContext context) => {|TS0104:context.GetSessionAsync().Result|}.Key;
            }
            """;
        await Verifier.VerifyCodeFixAsync(source, source);
    }

    [Fact]
    public async Task Fix_all_awaits_every_blocking_call_of_the_document()
    {
        await Verifier.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using TypedSessions;

            public static class Handlers
            {
                public static async Task Visit(HttpContext context)
                {
                    var session = {|TS0104:context.GetSessionAsync().Result|};
                    session.Set("visits", session.Get<int>("visits") + 1);
                    {|TS0104:session.SaveAsync().AsTask().Wait()|};
                }

                public static async Task Reset(HttpContext context)
                {
                    var session = {|TS0104:context.GetSessionAsync().GetAwaiter().GetResult()|};
                    {|TS0104:session.FlushAsync().AsTask().Wait()|};
                }
            }
            """, """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using TypedSessions;

            public static class Handlers
            {
                public static async Task Visit(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    session.Set("visits", session.Get<int>("visits") + 1);
                    await session.SaveAsync();
                }

                public static async Task Reset(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    await session.FlushAsync();
                }
            }
            """);
    }
}
