using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.SyncOverAsyncLoadAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>TS0104: .Result, .Wait() or .GetAwaiter().GetResult() on a session I/O call.</summary>
public sealed class SyncOverAsyncLoadAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using TypedSessions;

        """;

    private const string Cart = """

        [SessionState]
        public partial class Cart
        {
            public partial int Count { get; set; }
        }
        """;

    // Positive cases

    [Fact]
    public async Task Result_of_GetSessionAsync_is_reported_with_the_call()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static string? Key(HttpContext context) => {|#0:context.GetSessionAsync().Result|}.Key;
            }
            """,
            Verifier.Diagnostic("TS0104").WithLocation(0).WithArguments("GetSessionAsync().Result").WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task GetAwaiter_GetResult_of_GetSessionStateAsync_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static int Count(HttpContext context)
                {
                    var cart = {|TS0104:context.GetSessionStateAsync<Cart>().GetAwaiter().GetResult()|};
                    return cart.Count;
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Blocking_on_the_session_manager_is_reported_through_AsTask_and_ConfigureAwait()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Admin(ISessionManager sessions)
            {
                public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Decode(string key)
                {
                    var session = {|TS0104:sessions.OpenAsync(key).AsTask().Result|};
                    {|TS0104:sessions.CreateAsync().ConfigureAwait(false).GetAwaiter().GetResult()|}.Set("admin", true);
                    return {|TS0104:sessions.DecodeAsync(key).Result|};
                }
            }
            """);
    }

    [Fact]
    public async Task Waiting_for_a_save_flush_or_key_cycle_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Sessions
            {
                public static void Finish(Session session, bool signOut)
                {
                    {|TS0104:session.SaveAsync().AsTask().Wait()|};
                    if (signOut)
                    {
                        {|TS0104:session.FlushAsync().GetAwaiter().GetResult()|};
                    }
                    else
                    {
                        {|TS0104:session.CycleKeyAsync().AsTask().Wait()|};
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Waiting_for_the_AspNet_session_to_load_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static string? Name(HttpContext context)
                {
                    {|TS0104:context.Session.LoadAsync().Wait()|};
                    return context.Session.GetString("name");
                }
            }
            """);
    }

    // Negative cases

    [Fact]
    public async Task Awaited_session_calls_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task<int> Count(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    var cart = await context.GetSessionStateAsync<Cart>().ConfigureAwait(false);
                    await session.SaveAsync();
                    return cart.Count;
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Result_of_an_unrelated_task_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static int Answer() => Task.FromResult(42).Result;

                public static void Pause() => Task.Delay(1).Wait();
            }
            """);
    }

    [Fact]
    public async Task Task_stored_and_awaited_later_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task<string?> Key(HttpContext context)
                {
                    var loading = context.GetSessionAsync();
                    var ready = loading.IsCompleted;
                    var session = await loading;
                    return ready ? session.Key : null;
                }
            }
            """);
    }

    [Fact]
    public async Task Result_of_a_task_named_like_a_session_call_elsewhere_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Cache
            {
                public Task<string> GetSessionAsync() => Task.FromResult("cached");

                public string Read() => GetSessionAsync().Result;
            }
            """);
    }

    [Fact]
    public async Task Reading_an_already_loaded_session_synchronously_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                [LoadSession]
                public static int Visits(HttpContext context) => context.Session.GetInt32("visits") ?? 0;
            }
            """);
    }
}
