namespace TypedSessions.LoadApp.Endpoints;

/// <summary>What every configuration shares: <c>GET /plain</c> and the answer to a session that was never seeded.</summary>
internal static class LoadEndpoints
{
    public static void MapPlain(IEndpointRouteBuilder endpoints)
    {
        var plain = Results.Ok(new PlainResponse("plain"));
        endpoints.MapGet("/plain", () => plain);
    }

    /// <summary>
    /// 400 for a request whose session holds no seeded state: the client lost its cookie. The harness counts it as a
    /// failure, so a load run whose cookies are not sent back fails instead of measuring empty sessions.
    /// </summary>
    public static IResult NotSeeded() => Results.BadRequest("The session is not seeded: POST /seed first and send its cookie back.");
}
