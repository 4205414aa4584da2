using Microsoft.CodeAnalysis.Testing;
using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.ChangedButNotSavedAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>TS0101: a session opened through ISessionManager is changed but not saved on every path.</summary>
public sealed class ChangedButNotSavedAnalyzerTests
{
    private const string Cart = """

        [SessionState]
        public partial class Cart
        {
            public partial int Count { get; set; }

            public partial List<string> Lines { get; set; }
        }
        """;

    // Positive cases

    [Fact]
    public async Task Set_without_save_is_reported_with_the_session_name()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    {|#0:session.Set("visits", 1)|};
                }
            }
            """,
            // The additional location is where the code fix adds the save (see AddSaveCallCodeFixerTests).
            Verifier.Diagnostic("TS0101").WithLocation(0).WithArguments("session", "await session.SaveAsync()").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task Change_after_the_last_save_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync()
                {
                    var session = await sessions.CreateAsync();
                    session.Set("step", 1);
                    await session.SaveAsync();
                    {|TS0101:session.Remove("step")|};
                }
            }
            """);
    }

    [Fact]
    public async Task Early_return_after_a_change_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key, bool dryRun)
                {
                    var session = await sessions.OpenAsync(key);
                    {|TS0101:session.Clear()|};
                    if (dryRun)
                    {
                        return;
                    }

                    await session.SaveAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task Typed_property_set_on_a_view_of_an_opened_session_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    var cart = session.GetState<Cart>();
                    {|TS0101:cart.Count++|};
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task In_place_change_of_a_typed_list_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var cart = (await sessions.OpenAsync(key)).GetState<Cart>();
                    {|#0:cart.Lines.Add("apple")|};
                }
            }
            """ + Cart,
            Verifier.Diagnostic("TS0101").WithLocation(0).WithArguments("cart", "keep the session it views in a variable and await its SaveAsync()"));
    }

    [Fact]
    public async Task Session_opened_again_in_a_loop_loses_the_previous_change()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key, CancellationToken stoppingToken)
                {
                    while (true)
                    {
                        var session = await sessions.OpenAsync(key, stoppingToken);
                        {|TS0101:session.MarkModified()|};
                        await Task.Delay(1000, stoppingToken);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Helper_that_changes_without_saving_is_reported_at_the_call()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    {|TS0101:Stamp(session)|};
                }

                private static void Stamp(Session session) => session.Set("stamped", DateTimeOffset.UtcNow);
            }
            """);
    }

    [Fact]
    public async Task Change_in_a_catch_block_that_is_never_saved_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key, Func<Task> work)
                {
                    var session = await sessions.OpenAsync(key);
                    try
                    {
                        await work();
                        session.Set("succeeded", true);
                        await session.SaveAsync();
                    }
                    catch (InvalidOperationException)
                    {
                        {|TS0101:session.Set("failed", true)|};
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Expiry_change_in_a_lambda_handler_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using TypedSessions;

            public static class Admin
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/admin/sessions/{key}/extend", async (string key, ISessionManager sessions) =>
                    {
                        var session = await sessions.OpenAsync(key);
                        {|TS0101:session.SetExpiry(TimeSpan.FromDays(30))|};
                        return Microsoft.AspNetCore.Http.Results.NoContent();
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Mutating_method_of_the_typed_view_is_a_change()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    var wishlist = session.GetState<Wishlist>();
                    {|TS0101:wishlist.Add("apple")|};
                }
            }

            [SessionState]
            public partial class Wishlist
            {
                public partial List<string> Items { get; set; }

                public void Add(string item) => Items.Add(item);
            }
            """);
    }

    // Negative cases

    [Fact]
    public async Task Save_after_the_change_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.Set("visits", session.Get<int>("visits") + 1);
                    await session.SaveAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task Save_in_a_finally_block_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key, bool dryRun)
                {
                    var session = await sessions.OpenAsync(key);
                    try
                    {
                        session.Set("started", DateTimeOffset.UtcNow);
                        if (dryRun)
                        {
                            return;
                        }

                        session.Remove("queued");
                    }
                    finally
                    {
                        await session.SaveAsync();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Save_in_a_helper_called_on_every_path_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.Set("visits", 1);
                    await SaveAndLogAsync(session);
                }

                private static async Task SaveAndLogAsync(Session session)
                {
                    await session.SaveAsync();
                    System.Console.WriteLine(session.Key);
                }
            }
            """);
    }

    [Fact]
    public async Task Session_returned_to_the_caller_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task<Session> PrepareAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.Set("prepared", true);
                    return session;
                }
            }
            """);
    }

    [Fact]
    public async Task Request_session_is_saved_by_the_middleware_and_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using TypedSessions;

            public static class Handlers
            {
                public static async Task Visit(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    session.Set("visits", session.Get<int>("visits") + 1);
                }
            }
            """);
    }

    [Fact]
    public async Task Save_guarded_by_IsModified_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key, int visits)
                {
                    var session = await sessions.OpenAsync(key);
                    session.Set("visits", visits);
                    if (session.IsModified)
                    {
                        await session.SaveAsync();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Key_cycle_or_flush_after_the_change_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task<string?> RotateAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.Set("rotated", true);
                    await session.CycleKeyAsync();
                    var other = await sessions.OpenAsync(key);
                    other.Clear();
                    await other.FlushAsync();
                    return session.Key;
                }
            }
            """);
    }

    [Fact]
    public async Task Save_in_a_local_function_called_on_every_path_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key, bool reset)
                {
                    var session = await sessions.OpenAsync(key);
                    if (reset)
                    {
                        session.Clear();
                        await CommitAsync(session);
                        return;
                    }

                    session.Set("visits", session.Get<int>("visits") + 1);
                    await CommitAsync(session);

                    static async Task CommitAsync(Session session)
                    {
                        session.Set("updated", true);
                        await session.SaveAsync();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Session_handed_to_code_out_of_sight_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions, Func<Func<Task>, Task> retry)
            {
                private readonly List<Session> _pending = [];

                public async Task QueueAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.Set("queued", true);
                    _pending.Add(session);
                }

                public async Task RetryAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.Set("retried", true);
                    await retry(async () => await session.SaveAsync());
                }
            }
            """);
    }

    [Fact]
    public async Task Path_that_throws_is_not_a_lost_change()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Job(ISessionManager sessions)
            {
                public async Task RunAsync(string key, int quantity)
                {
                    var session = await sessions.OpenAsync(key);
                    session.Set("quantity", quantity);
                    if (quantity < 0)
                    {
                        throw new ArgumentOutOfRangeException(nameof(quantity));
                    }

                    await session.SaveAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task Background_service_that_saves_each_session_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;
            using TypedSessions;

            public sealed class CartReminder(ISessionManager sessions, IReadOnlyList<string> keys) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    while (!stoppingToken.IsCancellationRequested)
                    {
                        foreach (var key in keys)
                        {
                            var session = await sessions.OpenAsync(key, stoppingToken);
                            if (session.IsEmpty)
                            {
                                continue;
                            }

                            var cart = session.GetState<Cart>();
                            cart.Count = cart.Lines.Count;
                            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
                            {
                                await session.SaveAsync(timeout.Token);
                            }
                        }

                        await Task.Delay(TimeSpan.FromMinutes(5), stoppingToken);
                    }
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Session_that_is_only_read_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using TypedSessions;

            public sealed class Report(ISessionManager sessions)
            {
                public async Task<int> CountAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    var cart = session.GetState<Cart>();
                    return cart.Count + cart.Lines.Count + session.Keys.Count;
                }
            }
            """ + Cart);
    }
}
