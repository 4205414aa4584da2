using System.Text;

namespace TypedSessions.Generators.Tests.Infrastructure;

/// <summary>
/// A large, correct user project for the cost measurement: <c>[SessionState]</c> classes, and methods that use sessions
/// the ways the usage rules look at (typed parameters, request sessions, response writes, sessions opened through
/// <c>ISessionManager</c> and saved in place, in a <c>finally</c> or in a helper, untyped reads written back).
/// </summary>
internal static class LargeSessionInput
{
    private const int ClassesPerFile = 25;
    private const int MethodsPerClass = 20;
    private const int Patterns = 5;

    public static string[] Create(int stateClasses, int methods)
    {
        var files = new List<string>();
        for (var first = 0; first < stateClasses; first += ClassesPerFile)
        {
            var file = new StringBuilder("using System;\nusing System.Collections.Generic;\nusing TypedSessions;\n\nnamespace Large.State;\n");
            for (var i = first; i < Math.Min(first + ClassesPerFile, stateClasses); i++)
            {
                file.Append($$"""

                    [SessionState("s{{i}}")]
                    public sealed partial class State{{i}}
                    {
                        public partial int Count { get; set; }

                        public partial string? Name { get; set; }

                        public partial List<string> Lines { get; set; }

                        public partial DateTimeOffset? Updated { get; set; }
                    }

                    """);
            }

            files.Add(file.ToString());
        }

        for (var first = 0; first < methods; first += MethodsPerClass)
        {
            var file = new StringBuilder("""
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Http;
                using Large.State;
                using TypedSessions;

                namespace Large.Handlers;

                """);
            file.Append($"public sealed class Handlers{first / MethodsPerClass}(ISessionManager sessions)\n{{\n");
            for (var i = first; i < Math.Min(first + MethodsPerClass, methods); i++)
            {
                file.Append(Method(i, $"State{i % stateClasses}"));
            }

            file.Append("""

                    private static async Task SaveAsync(Session session)
                    {
                        session.Set("saved", DateTimeOffset.UtcNow);
                        await session.SaveAsync();
                    }
                }

                """);
            files.Add(file.ToString());
        }

        return [.. files];
    }

    private static string Method(int index, string state) => (index % Patterns) switch
    {
        0 => $$"""

                public static IResult Add{{index}}({{state}} state, string item)
                {
                    state.Lines.Add(item);
                    state.Count++;
                    return Results.Ok(state.Count);
                }

            """,
        1 => $$"""

                public async Task Job{{index}}(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    var state = session.GetState<{{state}}>();
                    state.Updated = DateTimeOffset.UtcNow;
                    if (state.Lines.Count > 10)
                    {
                        state.Lines.RemoveAt(0);
                    }

                    await session.SaveAsync();
                }

            """,
        2 => $$"""

                public static async Task Page{{index}}(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    var state = session.GetState<{{state}}>();
                    state.Name = context.Request.Query["name"];
                    await context.Response.WriteAsync(state.Name ?? "anonymous");
                    Console.WriteLine(state.Count);
                }

            """,
        3 => $$"""

                public async Task Batch{{index}}(IReadOnlyList<string> keys)
                {
                    foreach (var key in keys)
                    {
                        var session = await sessions.OpenAsync(key);
                        try
                        {
                            var recent = session.Get<List<string>>("recent{{index}}") ?? [];
                            recent.Add(key);
                            session.Set("recent{{index}}", recent);
                        }
                        finally
                        {
                            await session.SaveAsync();
                        }
                    }
                }

            """,
        _ => $$"""

                public async Task Helper{{index}}(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.GetState<{{state}}>().Count = {{index}};
                    await SaveAsync(session);
                }

            """,
    };
}
