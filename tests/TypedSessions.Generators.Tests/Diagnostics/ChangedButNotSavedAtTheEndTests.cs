using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.ChangedButNotSavedAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// TS0101 on jobs shaped like the ones the shortcut without a control flow graph accepts (a session opened in a block and
/// saved at its end, or in the finally of the try that uses it): the shape itself is correct, and every near miss (an
/// early exit, a session left out of the final saves, a use after the try, a reassigned variable, a helper that does
/// not always save) still gets the full analysis and is reported.
/// </summary>
public sealed class ChangedButNotSavedAtTheEndTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using TypedSessions;

        """;

    [Fact]
    public async Task Sessions_opened_at_the_top_and_saved_at_the_end_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class MergeJob(ISessionManager sessions)
            {
                public async Task MergeAsync(string from, string to, IEnumerable<string> keys)
                {
                    var source = await sessions.OpenAsync(from);
                    var target = await sessions.OpenAsync(to);
                    foreach (var key in keys)
                    {
                        if (!source.ContainsKey(key))
                        {
                            continue;
                        }

                        target.Set(key, source.Get<string>(key));
                        source.Remove(key);
                    }

                    await target.SaveAsync();
                    await SaveAndLogAsync(source);
                }

                private static async Task SaveAndLogAsync(Session session)
                {
                    await session.SaveAsync();
                    Console.WriteLine(session.Key);
                }
            }
            """);
    }

    [Fact]
    public async Task Early_return_before_the_final_save_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class MergeJob(ISessionManager sessions)
            {
                public async Task MergeAsync(string key, bool dryRun)
                {
                    var session = await sessions.OpenAsync(key);
                    {|TS0101:session.Remove("coupon")|};
                    switch (dryRun)
                    {
                        case true:
                            return;
                    }

                    await session.SaveAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task Goto_past_the_final_save_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class MergeJob(ISessionManager sessions)
            {
                public async Task MergeAsync(string key, bool dryRun)
                {
                    var session = await sessions.OpenAsync(key);
                    {|TS0101:session.Remove("coupon")|};
                    if (dryRun)
                    {
                        goto done;
                    }

                    await session.SaveAsync();
                done:
                    Console.WriteLine(key);
                }
            }
            """);
    }

    [Fact]
    public async Task Session_left_out_of_the_final_saves_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class MergeJob(ISessionManager sessions)
            {
                public async Task MergeAsync(string from, string to)
                {
                    var source = await sessions.OpenAsync(from);
                    var target = await sessions.OpenAsync(to);
                    target.Set("merged", source.Get<string>("cart"));
                    {|TS0101:source.Remove("cart")|};
                    await target.SaveAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task Reassigned_session_variable_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class MergeJob(ISessionManager sessions)
            {
                public async Task MergeAsync(string first, string second)
                {
                    var session = await sessions.OpenAsync(first);
                    {|TS0101:session.Set("visited", true)|};
                    session = await sessions.OpenAsync(second);
                    session.Set("visited", true);
                    await session.SaveAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task Final_helper_that_does_not_always_save_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class MergeJob(ISessionManager sessions)
            {
                public async Task MergeAsync(string key, bool persist)
                {
                    var session = await sessions.OpenAsync(key);
                    {|TS0101:session.Set("visited", true)|};
                    await MaybeSaveAsync(session, persist);
                }

                private static async Task MaybeSaveAsync(Session session, bool persist)
                {
                    if (persist)
                    {
                        await session.SaveAsync();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Change_in_a_lambda_after_the_final_save_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class MergeJob(ISessionManager sessions)
            {
                public async Task MergeAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.Set("visited", true);
                    Func<Session, Task> later = async opened =>
                    {
                        var again = await sessions.OpenAsync(opened.Key!);
                        {|TS0101:again.Remove("visited")|};
                    };
                    await session.SaveAsync();
                    await later(session);
                }
            }
            """);
    }

    [Fact]
    public async Task Final_helper_that_saves_one_session_and_changes_the_other_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class MergeJob(ISessionManager sessions)
            {
                public async Task MergeAsync(string from, string to)
                {
                    var source = await sessions.OpenAsync(from);
                    var target = await sessions.OpenAsync(to);
                    source.Set("merged", true);
                    target.Set("merged", true);
                    await target.SaveAsync();
                    await {|TS0101:FinishAsync(source, target)|};
                }

                private static async Task FinishAsync(Session first, Session second)
                {
                    second.Set("done", true);
                    await first.SaveAsync();
                }
            }
            """);
    }

    [Fact]
    public async Task A_test_that_inspects_an_unsaved_session_is_left_alone_but_its_helper_is_not()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            namespace Xunit
            {
                public class FactAttribute : Attribute;
            }

            namespace NUnit.Framework
            {
                public sealed class TestAttribute : Attribute;
            }

            public sealed class SkippableFactAttribute : Xunit.FactAttribute;

            public sealed class CartTests(ISessionManager sessions)
            {
                [Xunit.Fact]
                public async Task Set_marks_the_session_modified()
                {
                    var session = await sessions.CreateAsync();
                    session.Set("visits", 1);
                    Console.WriteLine(session.IsModified);
                }

                [NUnit.Framework.Test]
                public async Task Remove_marks_the_session_modified()
                {
                    var session = await sessions.CreateAsync();
                    session.Remove("visits");
                    Console.WriteLine(session.IsModified);
                }

                [SkippableFact]
                public async Task Clear_marks_the_session_modified()
                {
                    var session = await sessions.CreateAsync();
                    session.Clear();
                    Console.WriteLine(session.IsModified);
                }

                public async Task ArrangeAsync()
                {
                    var session = await sessions.CreateAsync();
                    {|TS0101:session.Set("visits", 1)|};
                }
            }
            """);
    }

    [Fact]
    public async Task Sessions_opened_in_a_loop_and_saved_at_the_end_of_its_body_or_in_a_finally_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class CleanupJob(ISessionManager sessions)
            {
                public async Task TrimAsync(IReadOnlyList<string> keys)
                {
                    if (keys.Count == 0)
                    {
                        return;
                    }

                    foreach (var key in keys)
                    {
                        var session = await sessions.OpenAsync(key);
                        var recent = session.Get<List<string>>("recent") ?? [];
                        foreach (var item in recent)
                        {
                            if (item.Length == 0)
                            {
                                continue;
                            }

                            session.Set("last", item);
                        }

                        await session.SaveAsync();
                    }
                }

                public async Task StampAsync(IReadOnlyList<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var session = await sessions.OpenAsync(key);
                        Console.WriteLine(key);
                        try
                        {
                            if (session.ContainsKey("stamped"))
                            {
                                continue;
                            }

                            session.Set("stamped", DateTimeOffset.UtcNow);
                            if (key.Length > 10)
                            {
                                return;
                            }
                        }
                        finally
                        {
                            Console.WriteLine(session.Key);
                            await session.SaveAsync();
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Continue_or_break_past_the_save_at_the_end_of_a_loop_body_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class CleanupJob(ISessionManager sessions)
            {
                public async Task TrimAsync(IReadOnlyList<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var session = await sessions.OpenAsync(key);
                        {|TS0101:session.Remove("recent")|};
                        if (key.Length > 10)
                        {
                            continue;
                        }

                        await session.SaveAsync();
                    }
                }

                public async Task DrainAsync(Queue<string> keys)
                {
                    while (keys.Count > 0)
                    {
                        var session = await sessions.OpenAsync(keys.Dequeue());
                        {|TS0101:session.Remove("recent")|};
                        switch (keys.Count)
                        {
                            case 0:
                                break;
                        }

                        if (keys.Count > 5)
                        {
                            break;
                        }

                        await session.SaveAsync();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Session_changed_after_the_try_that_saves_it_or_saved_only_sometimes_in_the_finally_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class StampJob(ISessionManager sessions)
            {
                public async Task StampAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    try
                    {
                        session.Set("stamped", DateTimeOffset.UtcNow);
                    }
                    finally
                    {
                        await session.SaveAsync();
                    }

                    {|TS0101:session.Remove("pending")|};
                }

                public async Task MaybeStampAsync(string key, bool persist)
                {
                    var session = await sessions.OpenAsync(key);
                    try
                    {
                        {|TS0101:session.Set("stamped", DateTimeOffset.UtcNow)|};
                    }
                    finally
                    {
                        if (persist)
                        {
                            await session.SaveAsync();
                        }
                    }
                }

                public async Task StampEarlyAsync(string key, bool skip)
                {
                    var session = await sessions.OpenAsync(key);
                    {|TS0101:session.Set("opened", true)|};
                    if (skip)
                    {
                        return;
                    }

                    try
                    {
                        session.Set("stamped", DateTimeOffset.UtcNow);
                    }
                    finally
                    {
                        await session.SaveAsync();
                    }
                }
            }
            """);
    }
}
