using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.ChangedButNotSavedAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// TS0101 with a save guarded by a flag the code raises with each change
/// (<c>var changed = false; … changed = true; … if (changed) await session.SaveAsync();</c>): correct when every change
/// raises the flag before the test, reported when some path reaches the test with a change and the flag down.
/// </summary>
public sealed class ChangedButNotSavedFlagGuardTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;
        using TypedSessions;

        """;

    private const string Cart = """

        [SessionState]
        public partial class Cart
        {
            public partial List<string> Lines { get; set; }

            public partial DateTimeOffset? Reminded { get; set; }
        }
        """;

    // Negative cases: correct code

    [Fact]
    public async Task Flag_raised_after_a_conditional_change_guards_the_save()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class CouponCleanup(ISessionManager sessions)
            {
                public async Task RunAsync(string key, IReadOnlySet<string> expired)
                {
                    var session = await sessions.OpenAsync(key);
                    var changed = false;
                    foreach (var coupon in expired)
                    {
                        if (session.ContainsKey("coupon:" + coupon))
                        {
                            session.Remove("coupon:" + coupon);
                            changed = true;
                        }
                    }

                    if (changed)
                    {
                        await session.SaveAsync();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Early_return_when_the_flag_is_down_guards_the_save()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class ReminderJob(ISessionManager sessions) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    foreach (var key in new[] { "a", "b" })
                    {
                        var session = await sessions.OpenAsync(key, stoppingToken);
                        var cart = session.GetState<Cart>();
                        bool dirty = false;
                        if (cart.Lines.Count > 0 && cart.Reminded is null)
                        {
                            cart.Reminded = DateTimeOffset.UtcNow;
                            dirty = true;
                        }

                        if (cart.Lines.Count > 50)
                        {
                            cart.Lines.RemoveRange(50, cart.Lines.Count - 50);
                            dirty = true;
                        }

                        if (!dirty)
                        {
                            continue;
                        }

                        await session.SaveAsync(stoppingToken);
                    }
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Flag_raised_with_or_assignment_guards_the_save()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Pruner(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    var cart = session.GetState<Cart>();
                    var changed = false;
                    if (cart.Lines.Remove("expired"))
                    {
                        changed |= true;
                    }

                    changed = true;
                    if (changed)
                    {
                        await session.SaveAsync();
                    }
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Flag_guard_inside_try_finally_and_using_guards_the_save()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Migrator(ISessionManager sessions)
            {
                public async Task RunAsync(IEnumerable<string> keys, IDisposable scope)
                {
                    using (scope)
                    {
                        foreach (var key in keys)
                        {
                            var session = await sessions.OpenAsync(key);
                            var migrated = false;
                            try
                            {
                                if (session.Get<int?>("legacy") is { } legacy)
                                {
                                    session.Remove("legacy");
                                    session.Set("visits", legacy);
                                    migrated = true;
                                }
                            }
                            finally
                            {
                                Console.WriteLine(key);
                            }

                            if (migrated)
                            {
                                await session.SaveAsync();
                            }
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Flag_that_is_never_raised_by_a_change_still_guards_nothing_unsaved()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Audit(ISessionManager sessions)
            {
                public async Task RunAsync(string key, bool verbose)
                {
                    var session = await sessions.OpenAsync(key);
                    var logged = false;
                    if (verbose)
                    {
                        Console.WriteLine(session.Key);
                        logged = true;
                    }

                    if (logged)
                    {
                        Console.WriteLine("done");
                    }
                }
            }
            """);
    }

    // Positive cases: a path reaches the test with a change and the flag down

    [Fact]
    public async Task Change_that_does_not_raise_the_flag_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class CouponCleanup(ISessionManager sessions)
            {
                public async Task RunAsync(string key, bool resetVisits)
                {
                    var session = await sessions.OpenAsync(key);
                    var changed = false;
                    if (session.ContainsKey("coupon"))
                    {
                        session.Remove("coupon");
                        changed = true;
                    }

                    if (resetVisits)
                    {
                        {|TS0101:session.Set("visits", 0)|};
                    }

                    if (changed)
                    {
                        await session.SaveAsync();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Flag_lowered_again_after_a_change_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Batch(ISessionManager sessions)
            {
                public async Task RunAsync(string key, IReadOnlyList<string> items)
                {
                    var session = await sessions.OpenAsync(key);
                    var cart = session.GetState<Cart>();
                    var changed = false;
                    foreach (var item in items)
                    {
                        changed = false;
                        {|TS0101:cart.Lines.Add(item)|};
                        if (item.Length > 3)
                        {
                            changed = true;
                        }
                    }

                    if (changed)
                    {
                        await session.SaveAsync();
                    }
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Flag_raised_before_the_change_but_lowered_in_a_later_round_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Batch(ISessionManager sessions)
            {
                public async Task RunAsync(string key, IReadOnlyList<string> items)
                {
                    var session = await sessions.OpenAsync(key);
                    var cart = session.GetState<Cart>();
                    var changed = false;
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (changed)
                        {
                            await session.SaveAsync();
                        }

                        changed = i % 2 == 0;
                        {|TS0101:cart.Lines.Add(items[i])|};
                    }
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Flag_captured_by_a_lambda_does_not_guard_the_save()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Cleanup(ISessionManager sessions)
            {
                public async Task RunAsync(string key, Action<Action> later)
                {
                    var session = await sessions.OpenAsync(key);
                    var changed = false;
                    {|TS0101:session.Remove("coupon")|};
                    later(() => changed = false);
                    changed = true;
                    if (changed)
                    {
                        await session.SaveAsync();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Exception_between_the_change_and_the_flag_reaches_the_test_in_a_catch()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Importer(ISessionManager sessions)
            {
                public async Task RunAsync(string key, Func<string> next)
                {
                    var session = await sessions.OpenAsync(key);
                    var imported = false;
                    try
                    {
                        session.Set("import", next());
                        {|TS0101:session.Set("source", next())|};
                        imported = true;
                    }
                    catch (InvalidOperationException)
                    {
                        Console.WriteLine("import failed");
                    }

                    if (imported)
                    {
                        await session.SaveAsync();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Caller_s_change_before_a_helper_that_saves_only_behind_its_own_flag_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Visits(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.Set("last", DateTimeOffset.UtcNow);
                    await {|TS0101:SaveIfChangedAsync(session)|};
                    Console.WriteLine(key);
                }

                private static async Task SaveIfChangedAsync(Session session)
                {
                    var changed = false;
                    if (session.ContainsKey("tmp"))
                    {
                        session.Remove("tmp");
                        changed = true;
                    }

                    if (changed)
                    {
                        await session.SaveAsync();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Flag_returned_negated_is_no_guard()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Visits(ISessionManager sessions)
            {
                public async Task<bool> RunAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    var changed = false;
                    if (changed)
                    {
                        await session.SaveAsync();
                    }

                    {|TS0101:session.Set("visits", 1)|};
                    changed = true;
                    return !changed;
                }
            }
            """);
    }

    [Fact]
    public async Task Flag_lowered_by_a_deconstruction_is_no_guard()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Visits(ISessionManager sessions)
            {
                public async Task RunAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    var changed = false;
                    var count = 0;
                    {|TS0101:session.Set("visits", 1)|};
                    changed = true;
                    (changed, count) = (false, 1);
                    if (changed)
                    {
                        await session.SaveAsync();
                    }
                }
            }
            """);
    }
}
