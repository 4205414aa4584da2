using TypedSessions.LoadApp.State;

namespace TypedSessions.LoadApp.Endpoints;

/// <summary>The routes without a session: the same body shapes, constant data.</summary>
internal static class NoSessionEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var seeded = Results.Ok(new SeedResponse(5));
        var seededWide = Results.Ok(new SeedResponse(5 + WideKeys.Count));
        endpoints.MapPost("/seed", (bool? wide) => wide == true ? seededWide : seeded);
        endpoints.MapGet("/read", static () => Results.Ok(new ReadResponse(0, LoadData.Name, LoadData.LineCount)));
        endpoints.MapPost("/write", static () => Results.Ok(new WriteResponse(1)));
        endpoints.MapPost("/list", static () => Results.Ok(new ListResponse(2)));
    }
}
