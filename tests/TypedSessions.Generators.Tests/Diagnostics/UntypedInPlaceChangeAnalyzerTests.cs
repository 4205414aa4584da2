using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.UntypedInPlaceChangeAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>TS0105 (info): a mutable value read through the untyped API is changed in place and not written back.</summary>
public sealed class UntypedInPlaceChangeAnalyzerTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using TypedSessions;

        """;

    private const string Order = """

        public sealed class Order
        {
            public decimal Total { get; set; }

            public List<string> Items { get; set; } = [];
        }
        """;

    private const string Tracked = "this is saved, but a typed [SessionState] property would name the key and its type once";

    private const string Fallback = "a stored value is saved, but the fallback for a missing key is a new value the session does not track, so its change is lost unless written back with Set (a typed [SessionState] property handles both)";

    // Positive cases

    [Fact]
    public async Task List_read_with_Get_and_added_to_names_the_key()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task Add(HttpContext context, string item)
                {
                    var session = await context.GetSessionAsync();
                    var items = session.Get<List<string>>("cart.items");
                    {|#0:items?.Add(item)|};
                }
            }
            """,
            Verifier.Diagnostic("TS0105").WithLocation(0).WithArguments("cart.items", "Session.Get<T>(key)", Tracked));
    }

    [Fact]
    public async Task Fallback_after_Get_says_that_a_new_value_is_not_tracked()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static void Add(Session session, string item)
                {
                    var items = session.Get<List<string>>("cart.items") ?? [];
                    {|#0:items.Add(item)|};
                }
            }
            """,
            Verifier.Diagnostic("TS0105").WithLocation(0).WithArguments("cart.items", "Session.Get<T>(key)", Fallback));
    }

    [Fact]
    public async Task Property_set_on_a_read_object_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static void Discount(Session session)
                {
                    var order = session.Get<Order>("order");
                    if (order is not null)
                    {
                        {|TS0105:order.Total *= 0.9m|};
                    }
                }
            }
            """ + Order);
    }

    [Fact]
    public async Task Change_through_conditional_access_on_the_read_itself_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static void Tag(Session session) => {|TS0105:session.Get<List<string>>("tags")?.Add("new")|};
            }
            """);
    }

    [Fact]
    public async Task TryGet_value_changed_in_place_is_saved_and_suggests_a_typed_property()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static void Add(Session session, string item)
                {
                    if (session.TryGet<Order>("order", out var order))
                    {
                        {|#0:order.Items.Add(item)|};
                    }
                }
            }
            """ + Order,
            Verifier.Diagnostic("TS0105").WithLocation(0).WithArguments("order", "Session.TryGet<T>()", Tracked));
    }

    [Fact]
    public async Task Get_with_a_default_value_says_a_change_of_the_default_is_lost()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                private const string Key = "recent";

                public static void Remember(Session session, string page)
                {
                    var recent = session.Get(Key, new List<string>());
                    {|#0:recent.Insert(0, page)|};
                }
            }
            """,
            Verifier.Diagnostic("TS0105").WithLocation(0).WithArguments("recent", "Session.Get<T>(key, defaultValue)", Fallback));
    }

    // Negative cases

    [Fact]
    public async Task Value_written_back_with_Set_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static void Add(Session session, string item)
                {
                    var items = session.Get("items", new List<string>());
                    items.Add(item);
                    session.Set("items", items);
                }
            }
            """);
    }

    [Fact]
    public async Task Value_written_back_under_a_computed_key_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static void Add(Session session, string user, string item)
                {
                    var key = "items:" + user;
                    if (session.TryGet<List<string>>(key, out var items))
                    {
                        items.Add(item);
                        session.Set(key, items);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Value_only_read_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static int Count(Session session)
                {
                    var items = session.Get<List<string>>("items") ?? [];
                    var order = session.Get<Order>("order");
                    return items.Count + (order?.Items.Count ?? 0) + items.IndexOf("apple");
                }
            }
            """ + Order);
    }

    [Fact]
    public async Task Immutable_and_value_types_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static void Touch(Session session)
                {
                    var name = session.Get<string>("name") ?? "";
                    name = name.Remove(0);
                    var visits = session.Get<int>("visits");
                    visits++;
                    var tags = session.Get<System.Collections.Immutable.ImmutableList<string>>("tags") ?? [];
                    tags = tags.Add("x");
                }
            }
            """);
    }

    [Fact]
    public async Task Fresh_value_assigned_to_the_variable_is_not_an_in_place_change()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static void Reset(Session session)
                {
                    var items = session.Get<List<string>>("items");
                    items = new List<string> { "fresh" };
                    session.Set("other", items.Count);
                }
            }
            """);
    }

    [Fact]
    public async Task Typed_session_state_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static void Add(Cart cart, string item) => cart.Items.Add(item);
            }

            [SessionState]
            public partial class Cart
            {
                public partial List<string> Items { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Value_changed_then_stored_under_its_key_through_SetDefault_or_Set_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static void Visit(Session session, string page)
                {
                    if (!session.TryGet<List<string>>("pages", out var pages))
                    {
                        pages = [];
                    }

                    pages.Add(page);
                    session.Set("pages", pages);
                }
            }
            """);
    }
}
