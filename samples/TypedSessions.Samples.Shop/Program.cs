using Microsoft.AspNetCore.Authentication.Cookies;
using TypedSessions;
using TypedSessions.Samples.Shop;
using TypedSessions.Samples.Shop.Catalog;
using TypedSessions.Samples.Shop.State;

var builder = WebApplication.CreateBuilder(args);

// The store comes from TypedSessions:Store (default sqlite: a sessions.db file beside the app); options from the same
// section. The authentication integration ties the session to sign-in: SignInAsync moves it to a fresh key and makes it
// the user's, SignOutAsync flushes it, and a session revoked on "Your devices" signs its browser out.
builder.Services
    .AddTypedSessions(options => builder.Configuration.GetSection("TypedSessions").Bind(options))
    .AddConfiguredStore(builder.Configuration, builder.Environment)
    .AddAuthenticationIntegration();
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options => options.LoginPath = "/SignIn");
builder.Services.AddAuthorization();
builder.Services.AddSingleton<ProductCatalog>();
builder.Services.AddRazorPages();

// Session errors (409 conflict, 503 store unavailable, 400 session ended) as a friendly page for the shop's pages, and
// as problem details for the JSON API; the page writer goes first, so it is asked first.
builder.Services.AddSingleton<IProblemDetailsWriter, SessionErrorPageWriter>();
builder.Services.AddProblemDetails();

// /healthz answers Healthy while the session store answers a round trip (SQLite: SELECT 1), Unhealthy (503) when not.
// The TypedSessions meter needs nothing here: `dotnet-counters monitor --name TypedSessions.Samples.Shop --counters
// TypedSessions` shows it, and OpenTelemetry's AddMeter("TypedSessions") exports it (docs/observability.md).
builder.Services.AddHealthChecks().AddTypedSessionsStore();

var app = builder.Build();

// `dotnet run -- sessions clear-expired` removes expired sessions and exits (for cron); without it the shop starts.
if (await app.RunSessionsCommandAsync(args))
{
    return;
}

app.UseStaticFiles();
app.UseRouting();
app.UseTypedSessions();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.MapHealthChecks("/healthz");

// The same cart as JSON: a [SessionState] parameter is loaded asynchronously before the handler runs.
var api = app.MapGroup("/api/cart");
api.MapGet("/", (Cart cart, ProductCatalog catalog) => CartView.From(cart, catalog));
api.MapPost("/{productId:int}", (int productId, Cart cart, ProductCatalog catalog) =>
{
    if (catalog.Find(productId) is null)
    {
        return Results.NotFound();
    }

    cart.Add(productId);
    return Results.Ok(CartView.From(cart, catalog));
});

app.Run();

/// <summary>The sample's entry point, visible to the integration tests.</summary>
public partial class Program
{
}
