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

    private const string RouteUsings = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Routing;
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

    [Fact]
    public async Task Set_of_the_same_key_in_another_endpoint_of_the_route_group_does_not_hide_the_change()
    {
        await Verifier.VerifyAnalyzerAsync(RouteUsings + """
            public static class RecentEndpoints
            {
                public static RouteGroupBuilder MapRecentEndpoints(this IEndpointRouteBuilder app)
                {
                    var group = app.MapGroup("/recent");
                    group.MapGet("/", async (HttpContext context) =>
                    {
                        var session = await context.GetSessionAsync();
                        return session.Get<List<string>>("recent") ?? [];
                    });
                    group.MapPost("/{page}", async (HttpContext context, string page) =>
                    {
                        var session = await context.GetSessionAsync();
                        var recent = session.Get<List<string>>("recent");
                        {|#0:recent?.Add(page)|};
                        return Results.NoContent();
                    });
                    group.MapDelete("/", async (HttpContext context) =>
                    {
                        var session = await context.GetSessionAsync();
                        session.Set("recent", new List<string>());
                        return Results.NoContent();
                    });
                    return group;
                }
            }
            """,
            Verifier.Diagnostic("TS0105").WithLocation(0).WithArguments("recent", "Session.Get<T>(key)", Tracked));
    }

    [Fact]
    public async Task Fallback_changed_in_one_endpoint_and_set_in_another_says_the_change_is_lost()
    {
        await Verifier.VerifyAnalyzerAsync(RouteUsings + """
            public static class CompareEndpoints
            {
                public static void MapCompareEndpoints(this IEndpointRouteBuilder app)
                {
                    var compare = app.MapGroup("/compare");
                    compare.MapPost("/{id:int}", async (HttpContext context, int id) =>
                    {
                        var session = await context.GetSessionAsync();
                        var ids = session.Get("compare", new List<int>());
                        if (!ids.Contains(id))
                        {
                            {|#0:ids.Add(id)|};
                        }

                        return Results.Ok(ids.Count);
                    });
                    compare.MapPost("/reset", async (HttpContext context) =>
                    {
                        var session = await context.GetSessionAsync();
                        session.Set("compare", new List<int>());
                    });
                }
            }
            """,
            Verifier.Diagnostic("TS0105").WithLocation(0).WithArguments("compare", "Session.Get<T>(key, defaultValue)", Fallback));
    }

    [Fact]
    public async Task Set_in_a_sibling_local_function_does_not_hide_the_change()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Wishlist
            {
                public static async Task Handle(HttpContext context, string product, bool clear)
                {
                    var session = await context.GetSessionAsync();
                    if (clear)
                    {
                        Clear();
                    }
                    else
                    {
                        Add();
                    }

                    void Add()
                    {
                        var wishlist = session.Get("wishlist", new List<string>());
                        {|#0:wishlist.Add(product)|};
                    }

                    void Clear() => session.Set("wishlist", new List<string>());
                }
            }
            """,
            Verifier.Diagnostic("TS0105").WithLocation(0).WithArguments("wishlist", "Session.Get<T>(key, defaultValue)", Fallback));
    }

    [Fact]
    public async Task Set_of_the_same_key_in_another_controller_action_does_not_hide_the_change()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("orders")]
            public sealed class OrdersController : ControllerBase
            {
                [HttpPost("draft/items")]
                public async Task<IActionResult> AddItem([FromBody] string item)
                {
                    var session = await HttpContext.GetSessionAsync();
                    if (session.TryGet<Order>("draft", out var draft))
                    {
                        {|TS0105:draft.Items.Add(item)|};
                    }

                    return NoContent();
                }

                [HttpPost("draft")]
                public async Task<IActionResult> StartDraft()
                {
                    var session = await HttpContext.GetSessionAsync();
                    session.Set("draft", new Order());
                    return NoContent();
                }
            }
            """ + Order);
    }

    [Fact]
    public async Task Local_function_called_from_the_endpoint_that_writes_another_key_does_not_hide_the_change()
    {
        await Verifier.VerifyAnalyzerAsync(RouteUsings + """
            public static class HistoryEndpoints
            {
                public static void MapHistoryEndpoints(this IEndpointRouteBuilder app)
                {
                    app.MapPost("/history/{page}", async (HttpContext context, string page) =>
                    {
                        var session = await context.GetSessionAsync();
                        var history = session.Get<List<string>>("history") ?? [];
                        {|#0:history.Add(page)|};
                        Touch(session);
                    });

                    static void Touch(Session session) => session.Set("history.updated", System.DateTimeOffset.UtcNow);
                }
            }
            """,
            Verifier.Diagnostic("TS0105").WithLocation(0).WithArguments("history", "Session.Get<T>(key)", Fallback));
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

    [Fact]
    public async Task Endpoint_that_writes_back_in_its_own_lambda_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(RouteUsings + """
            public static class RecentEndpoints
            {
                public static RouteGroupBuilder MapRecentEndpoints(this IEndpointRouteBuilder app)
                {
                    var group = app.MapGroup("/recent");
                    group.MapGet("/", async (HttpContext context) =>
                    {
                        var session = await context.GetSessionAsync();
                        return session.Get<List<string>>("recent") ?? [];
                    });
                    group.MapPost("/{page}", async (HttpContext context, string page) =>
                    {
                        var session = await context.GetSessionAsync();
                        var recent = session.Get("recent", new List<string>());
                        recent.Insert(0, page);
                        session.Set("recent", recent.Take(10).ToList());
                        return Results.NoContent();
                    });
                    group.MapDelete("/", async (HttpContext context) =>
                    {
                        var session = await context.GetSessionAsync();
                        session.Set("recent", new List<string>());
                    });
                    return group;
                }
            }
            """);
    }

    [Fact]
    public async Task Local_function_of_the_endpoints_method_that_writes_back_is_followed_from_the_lambda()
    {
        await Verifier.VerifyAnalyzerAsync(RouteUsings + """
            public static class CompareEndpoints
            {
                public static void MapCompareEndpoints(this IEndpointRouteBuilder app)
                {
                    var compare = app.MapGroup("/compare");
                    compare.MapPost("/{id:int}", async (HttpContext context, int id) =>
                    {
                        var session = await context.GetSessionAsync();
                        var ids = session.Get("compare", new List<int>());
                        ids.Add(id);
                        Store(session, ids);
                    });
                    compare.MapDelete("/{id:int}", async (HttpContext context, int id) =>
                    {
                        var session = await context.GetSessionAsync();
                        var ids = session.Get("compare", new List<int>());
                        ids.Remove(id);
                        Remember(session, "compare", ids);
                    });

                    static void Store(Session session, List<int> ids) => session.Set("compare", ids);

                    static void Remember<T>(Session session, string key, T value) => session.Set(key, value);
                }
            }
            """);
    }

    [Fact]
    public async Task Write_back_in_a_lambda_or_local_function_nested_in_the_reading_lambda_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(RouteUsings + """
            public static class TagEndpoints
            {
                public static void MapTagEndpoints(this IEndpointRouteBuilder app)
                {
                    app.MapPost("/tags", async (HttpContext context, string[] tags) =>
                    {
                        var session = await context.GetSessionAsync();
                        var known = session.Get("tags", new List<string>());
                        tags.Where(tag => !known.Contains(tag)).ToList().ForEach(tag =>
                        {
                            known.Add(tag);
                            session.Set("tags", known);
                        });
                    });
                    app.MapPost("/tags/sorted", async (HttpContext context) =>
                    {
                        var session = await context.GetSessionAsync();
                        var known = session.Get("tags", new List<string>());
                        known.Sort();
                        Save();

                        void Save() => session.Set("tags", known);
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Value_read_in_a_local_function_and_written_back_by_the_enclosing_lambda_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(RouteUsings + """
            public static class CompareEndpoints
            {
                public static void MapCompareEndpoints(this IEndpointRouteBuilder app)
                {
                    app.MapPost("/compare/{id:int}", async (HttpContext context, int id) =>
                    {
                        var session = await context.GetSessionAsync();
                        session.Set("compare", WithProduct());

                        List<int> WithProduct()
                        {
                            var ids = session.Get("compare", new List<int>());
                            ids.Add(id);
                            return ids;
                        }
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Controller_actions_and_method_group_endpoints_that_write_back_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(RouteUsings + """
            using Microsoft.AspNetCore.Mvc;

            public sealed class DraftController : Controller
            {
                public async Task<IActionResult> AddItem(string item)
                {
                    var session = await HttpContext.GetSessionAsync();
                    var draft = session.Get<Order>("draft") ?? new Order();
                    draft.Items.Add(item);
                    session.Set("draft", draft);
                    return RedirectToAction(nameof(Show));
                }

                public async Task<IActionResult> Show()
                {
                    var session = await HttpContext.GetSessionAsync();
                    return View(session.Get<Order>("draft"));
                }
            }

            public static class DraftEndpoints
            {
                public static void MapDraftEndpoints(this IEndpointRouteBuilder app)
                {
                    var drafts = app.MapGroup("/drafts");
                    drafts.MapPost("/total", SetTotal);
                    drafts.MapGet("/", Show);
                }

                private static async Task SetTotal(HttpContext context, decimal total)
                {
                    var session = await context.GetSessionAsync();
                    if (session.TryGet<Order>("draft", out var draft))
                    {
                        draft.Total = total;
                        session.Set("draft", draft);
                    }
                }

                private static async Task<Order?> Show(HttpContext context)
                    => (await context.GetSessionAsync()).Get<Order>("draft");
            }
            """ + Order);
    }
}
