using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TypedSessions.LoadApp.State;

namespace TypedSessions.LoadApp.Endpoints;

/// <summary>
/// The routes on Microsoft.AspNetCore.Session: the session is loaded asynchronously (<c>ISession.LoadAsync</c>) and each
/// <see cref="LoadState"/> property is one <c>ISession</c> key holding the same UTF-8 JSON TypedSessions stores.
/// </summary>
internal static class AspNetEndpoints
{
    private const string CountKey = "load.Count";
    private const string NameKey = "load.Name";
    private const string CurrencyKey = "load.Currency";
    private const string VisitorIdKey = "load.VisitorId";
    private const string LinesKey = "load.Lines";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var json = LoadJsonContext.Default;

        endpoints.MapPost("/seed", async (HttpContext context, bool? wide) =>
        {
            var session = await LoadedSession(context);
            Set(session, CountKey, 0, json.Int32);
            Set(session, NameKey, LoadData.Name, json.String);
            Set(session, CurrencyKey, LoadData.Currency, json.String);
            Set(session, VisitorIdKey, Guid.NewGuid(), json.Guid);
            Set(session, LinesKey, LoadData.Lines(), json.ListLoadLine);
            var keys = 5;
            if (wide == true)
            {
                for (var i = 0; i < WideKeys.Count; i++)
                {
                    Set(session, WideKeys.Names[i], LoadData.WideValue(i), json.String);
                }

                keys += WideKeys.Count;
            }

            return Results.Ok(new SeedResponse(keys));
        });

        endpoints.MapGet("/read", async (HttpContext context) =>
        {
            var session = await LoadedSession(context);
            var name = Get(session, NameKey, json.String);
            if (name is null)
            {
                return LoadEndpoints.NotSeeded();
            }

            var count = Get(session, CountKey, json.Int32);
            var lines = Get(session, LinesKey, json.ListLoadLine);
            return Results.Ok(new ReadResponse(count, name, lines?.Count ?? 0));
        });

        endpoints.MapPost("/write", async (HttpContext context) =>
        {
            var session = await LoadedSession(context);
            if (Get(session, NameKey, json.String) is null)
            {
                return LoadEndpoints.NotSeeded();
            }

            var count = Get(session, CountKey, json.Int32) + 1;
            Set(session, CountKey, count, json.Int32);
            return Results.Ok(new WriteResponse(count));
        });

        endpoints.MapPost("/list", async (HttpContext context) =>
        {
            var session = await LoadedSession(context);
            var lines = Get(session, LinesKey, json.ListLoadLine);
            if (lines is null || lines.Count <= LoadData.ChangedLine)
            {
                return LoadEndpoints.NotSeeded();
            }

            var line = lines[LoadData.ChangedLine];
            line.Quantity++;
            Set(session, LinesKey, lines, json.ListLoadLine);
            return Results.Ok(new ListResponse(line.Quantity));
        });
    }

    private static async Task<ISession> LoadedSession(HttpContext context)
    {
        var session = context.Session;
        await session.LoadAsync(context.RequestAborted);
        return session;
    }

    private static T? Get<T>(ISession session, string key, JsonTypeInfo<T> typeInfo) =>
        session.TryGetValue(key, out var value) ? JsonSerializer.Deserialize(value, typeInfo) : default;

    private static void Set<T>(ISession session, string key, T value, JsonTypeInfo<T> typeInfo) =>
        session.Set(key, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
}
