using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.MiddlewareMissingAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>TS0103: AddTypedSessions without UseTypedSessions, or UseTypedSessions after terminal middleware.</summary>
public sealed class MiddlewareMissingAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using TypedSessions;

        """;

    private const string Missing = "AddTypedSessions() is registered, but app.UseTypedSessions() is never called: no request gets a session, and every access to one throws";

    // Positive cases

    [Fact]
    public async Task Program_without_UseTypedSessions_is_reported_on_the_registration()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddTypedSessions|}().AddMemoryStore();
            var app = builder.Build();
            app.MapGet("/", () => "hello");
            app.Run();
            """,
            Verifier.Diagnostic("TS0103").WithLocation(0).WithArguments(Missing));
    }

    [Fact]
    public async Task UseTypedSessions_after_terminal_Run_is_reported()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            app.Run(async context => await context.Response.WriteAsync("catch-all"));
            app.{|#0:UseTypedSessions|}();
            app.Run();
            """,
            Verifier.Diagnostic("TS0103").WithLocation(0)
                .WithArguments("UseTypedSessions() is called after the terminal 'Run(...)' on line 12: requests never reach the session middleware; call it before")
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task UseTypedSessions_after_UseEndpoints_in_a_Startup_class_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddRouting();
                    services.AddTypedSessions().AddMemoryStore();
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapGet("/", () => "hello"));
                    app.{|#0:UseTypedSessions|}();
                }
            }
            """,
            Verifier.Diagnostic("TS0103").WithLocation(0)
                .WithArguments("UseTypedSessions() is called after the terminal 'UseEndpoints(...)' on line 20: requests never reach the session middleware; call it before")
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task Startup_class_without_UseTypedSessions_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                    => services.{|TS0103:AddTypedSessions|}(options => options.Lifetime = TimeSpan.FromDays(1)).AddMemoryStore();

                public void Configure(IApplicationBuilder app)
                {
                    app.UseStaticFiles();
                }
            }
            """);
    }

    // Negative cases

    [Fact]
    public async Task Program_like_the_sample_is_not_reported()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions(options => options.Lifetime = TimeSpan.FromDays(14)).AddMemoryStore();
            builder.Services.AddRazorPages();
            var app = builder.Build();
            app.UseStaticFiles();
            app.UseRouting();
            app.UseTypedSessions();
            app.MapRazorPages();
            app.MapGet("/", () => "hello");
            app.Run();
            """);
    }

    [Fact]
    public async Task Endpoints_mapped_before_UseTypedSessions_are_not_terminal_in_minimal_hosting()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            app.MapGet("/", () => "hello");
            app.MapPost("/cart", () => Results.Ok());
            app.Use(async (context, next) => await next(context));
            app.UseTypedSessions();
            await app.RunAsync();
            """);
    }

    [Fact]
    public async Task Terminal_middleware_in_a_branch_does_not_end_the_main_pipeline()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            app.Map("/health", branch => branch.Run(async context => await context.Response.WriteAsync("ok")));
            app.UseTypedSessions();
            app.Run(async context => await context.Response.WriteAsync("fallback"));
            app.Run();
            """);
    }

    [Fact]
    public async Task Worker_that_only_uses_the_session_manager_is_not_reported()
    {
        await VerifyProgramAsync(Usings + """
            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            using var host = builder.Build();
            var sessions = host.Services.GetRequiredService<ISessionManager>();
            Console.WriteLine(await sessions.ClearExpiredAsync());
            """);
    }

    [Fact]
    public async Task Library_that_registers_services_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class ShopServices
            {
                public static IServiceCollection AddShop(this IServiceCollection services)
                {
                    services.AddTypedSessions().AddMemoryStore();
                    return services;
                }
            }
            """);
    }

    [Fact]
    public async Task Startup_class_with_UseTypedSessions_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddRouting();
                    services.AddTypedSessions().AddMemoryStore();
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseTypedSessions();
                    app.UseEndpoints(endpoints => endpoints.MapGet("/", () => "hello"));
                    app.Run(async context => await context.Response.WriteAsync("not found"));
                }
            }
            """);
    }

    private static Task VerifyProgramAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verifier.Test { TestCode = source, TestState = { OutputKind = OutputKind.ConsoleApplication } };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
