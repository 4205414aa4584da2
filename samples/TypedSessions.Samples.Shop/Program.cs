using TypedSessions;
using TypedSessions.Samples.Shop.Catalog;
using TypedSessions.Samples.Shop.State;

var builder = WebApplication.CreateBuilder(args);

// The embedded default: a sessions.db file beside the app. Connection string and lifetime come from configuration.
var sessionsDb = builder.Configuration.GetConnectionString("Sessions")
    ?? $"Data Source={Path.Combine(builder.Environment.ContentRootPath, "sessions.db")}";
builder.Services
    .AddTypedSessions(options => builder.Configuration.GetSection("TypedSessions").Bind(options))
    .AddSqliteStore(sessionsDb);
builder.Services.AddSingleton<ProductCatalog>();
builder.Services.AddRazorPages();

var app = builder.Build();

app.UseStaticFiles();
app.UseRouting();
app.UseTypedSessions();
app.MapRazorPages();

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
