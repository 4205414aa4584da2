using TypedSessions.LoadApp.State;

namespace TypedSessions.LoadApp.Endpoints;

/// <summary>The routes on TypedSessions: <c>[SessionState]</c> parameters, loaded before the handler and saved after it.</summary>
internal static class TypedEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/seed", async (HttpContext context, LoadState state, bool? wide) =>
        {
            state.Count = 0;
            state.Name = LoadData.Name;
            state.Currency = LoadData.Currency;
            state.VisitorId = Guid.NewGuid();
            state.Lines = LoadData.Lines();
            var keys = 5;
            if (wide == true)
            {
                var wideState = await context.GetSessionStateAsync<WideState>();
                wideState.Fill(LoadData.WideValue);
                keys += WideKeys.Count;
            }

            return Results.Ok(new SeedResponse(keys));
        });

        endpoints.MapGet("/read", static (LoadState state) => state.Name is null
            ? LoadEndpoints.NotSeeded()
            : Results.Ok(new ReadResponse(state.Count, state.Name, state.Lines.Count)));

        endpoints.MapPost("/write", static (LoadState state) => state.Name is null
            ? LoadEndpoints.NotSeeded()
            : Results.Ok(new WriteResponse(++state.Count)));

        endpoints.MapPost("/list", static (LoadState state) =>
        {
            if (state.Lines.Count <= LoadData.ChangedLine)
            {
                return LoadEndpoints.NotSeeded();
            }

            var line = state.Lines[LoadData.ChangedLine];
            line.Quantity++;
            return Results.Ok(new ListResponse(line.Quantity));
        });
    }
}
