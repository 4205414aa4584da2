using Microsoft.AspNetCore.Builder;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// The endpoints of two deployments of one shop: the first stores the cart as <see cref="CartBeforeRename"/>, the next
/// as <see cref="CartAfterRename"/>. Two <see cref="SessionTestApp"/>s over one store, one with each, are a deploy.
/// </summary>
internal static class CartDeployments
{
    /// <summary>POST <c>/items/{item}</c> adds an item to <see cref="CartBeforeRename.Items"/>.</summary>
    public static void MapFirst(WebApplication app)
        => app.MapPost("/items/{item}", (CartBeforeRename cart, string item) => cart.Items.Add(item));

    /// <summary>
    /// GET <c>/lines</c> only reads <see cref="CartAfterRename.Lines"/>; POST <c>/note/{note}</c> sets the note and
    /// answers the lines, so the session is saved.
    /// </summary>
    public static void MapNext(WebApplication app)
    {
        app.MapGet("/lines", (CartAfterRename cart) => cart.Lines);
        app.MapPost("/note/{note}", (CartAfterRename cart, string note) =>
        {
            cart.Note = note;
            return cart.Lines;
        });
    }
}
