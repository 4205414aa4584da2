using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.MiddlewareMissingAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// TS0103: UseTypedSessions() reached only under an environment check (IsDevelopment(), EnvironmentName == "…", a
/// negation, an else branch, an early return), directly or through the application's own methods; every request of
/// the other environments fails. Configuration flags and request predicates (UseWhen, MapWhen) are not environments.
/// </summary>
public sealed class MiddlewareMissingAnalyzerEnvironmentTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using TypedSessions;

        """;

    private const string Consequence = ": in every other environment no request gets a session, and every access to one throws; call it in every environment";

    // Positive cases

    [Fact]
    public async Task Program_calling_it_only_in_Development_is_reported()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseDeveloperExceptionPage();
                app.{|#0:UseTypedSessions|}();
            }

            app.MapGet("/", () => "hello");
            app.Run();
            """,
            Expected("UseTypedSessions() is called only when 'app.Environment.IsDevelopment()' is true"));
    }

    [Fact]
    public async Task Startup_Configure_calling_it_only_in_Development_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                    => services.AddTypedSessions().AddMemoryStore();

                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (env.IsDevelopment())
                    {
                        app.UseDeveloperExceptionPage();
                        app.{|#0:UseTypedSessions|}();
                    }

                    app.UseRouting();
                }
            }
            """,
            Expected("UseTypedSessions() is called only when 'env.IsDevelopment()' is true"));
    }

    [Fact]
    public async Task Call_in_the_else_branch_of_a_Development_check_is_reported()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseDeveloperExceptionPage();
            }
            else
            {
                app.UseExceptionHandler("/error");
                app.{|#0:UseTypedSessions|}();
            }

            app.Run();
            """,
            Expected("UseTypedSessions() is called only when 'app.Environment.IsDevelopment()' is false"));
    }

    [Fact]
    public async Task Negated_check_is_reported_with_the_check_it_negates()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (!env.IsProduction())
                    {
                        app.{|#0:UseTypedSessions|}();
                    }
                }
            }
            """,
            Expected("UseTypedSessions() is called only when 'env.IsProduction()' is false"));
    }

    [Fact]
    public async Task Environment_name_comparisons_and_IsEnvironment_are_reported()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if (builder.Environment.EnvironmentName == Environments.Staging)
            {
                app.{|#0:UseTypedSessions|}();
            }
            else if (app.Environment.IsEnvironment("QA"))
            {
                app.{|#1:UseTypedSessions|}();
            }

            app.Run();
            """,
            Expected("UseTypedSessions() is called only when 'builder.Environment.EnvironmentName == Environments.Staging' is true", 0),
            Expected("UseTypedSessions() is called only when 'builder.Environment.EnvironmentName == Environments.Staging' is false and 'app.Environment.IsEnvironment(\"QA\")' is true", 1));
    }

    [Fact]
    public async Task Early_return_in_the_apps_own_extension_method_is_reported()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            app.UseDevelopmentTools();
            app.MapGet("/", () => "hello");
            app.Run();

            public static class DevelopmentTools
            {
                public static WebApplication UseDevelopmentTools(this WebApplication app)
                {
                    if (!app.Environment.IsDevelopment())
                    {
                        return app;
                    }

                    app.UseDeveloperExceptionPage();
                    app.{|#0:UseTypedSessions|}();
                    return app;
                }
            }
            """,
            Expected("UseTypedSessions() is called only when 'app.Environment.IsDevelopment()' is true"));
    }

    [Fact]
    public async Task Apps_own_extension_method_called_only_in_Development_is_reported_where_it_is_called()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.{|#0:UseShopPipeline|}();
            }

            app.Run();

            public static class ShopPipeline
            {
                public static IApplicationBuilder UseShopPipeline(this IApplicationBuilder app)
                {
                    app.UseRouting();
                    return app.UseTypedSessions();
                }
            }
            """,
            Expected("UseTypedSessions() is called through 'UseShopPipeline' only when 'app.Environment.IsDevelopment()' is true"));
    }

    [Fact]
    public async Task Conditional_expression_is_reported()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            var pipeline = app.Environment.IsStaging() ? app.{|#0:UseTypedSessions|}() : app;
            pipeline.UseRouting();
            app.Run();
            """,
            Expected("UseTypedSessions() is called only when 'app.Environment.IsStaging()' is true"));
    }

    [Fact]
    public async Task Check_kept_in_a_local_is_followed()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            var isDevelopment = app.Environment.IsDevelopment();
            if (isDevelopment)
            {
                app.{|#0:UseTypedSessions|}();
            }

            app.Run();
            """,
            Expected("UseTypedSessions() is called only when 'app.Environment.IsDevelopment()' is true"));
    }

    [Fact]
    public async Task Local_function_called_only_in_Development_is_reported_where_it_is_called()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                {|#0:ConfigureSessions|}();
            }

            app.Run();

            void ConfigureSessions()
            {
                app.UseTypedSessions();
            }
            """,
            Expected("UseTypedSessions() is called through 'ConfigureSessions' only when 'app.Environment.IsDevelopment()' is true"));
    }

    [Fact]
    public async Task Environment_check_combined_with_a_flag_by_and_is_reported()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if (app.Environment.IsDevelopment() && app.Configuration.GetValue<bool>("Shop:Sessions"))
            {
                app.{|#0:UseTypedSessions|}();
            }

            app.Run();
            """,
            Expected("UseTypedSessions() is called only when 'app.Environment.IsDevelopment() && app.Configuration.GetValue<bool>(\"Shop:Sessions\")' is true"));
    }

    [Theory]
    [InlineData("app.Environment.IsDevelopment()", "'app.Environment.IsDevelopment()' is true")]
    [InlineData("app.Environment.IsEnvironment(\"Staging\")", "'app.Environment.IsEnvironment(\"Staging\")' is true")]
    [InlineData("app.Environment.EnvironmentName == \"Staging\"", "'app.Environment.EnvironmentName == \"Staging\"' is true")]
    [InlineData("builder.Environment.EnvironmentName == Environments.Staging", "'builder.Environment.EnvironmentName == Environments.Staging' is true")]
    [InlineData("\"Production\" != app.Environment.EnvironmentName", "'\"Production\" != app.Environment.EnvironmentName' is true")]
    [InlineData("app.Environment.EnvironmentName is \"Staging\" or \"QA\"", "'app.Environment.EnvironmentName is \"Staging\" or \"QA\"' is true")]
    [InlineData("app.Environment.EnvironmentName is not \"Production\"", "'app.Environment.EnvironmentName is not \"Production\"' is true")]
    [InlineData("app.Environment.IsProduction() == false", "'app.Environment.IsProduction() == false' is true")]
    [InlineData("string.Equals(app.Environment.EnvironmentName, \"Staging\", StringComparison.OrdinalIgnoreCase)", "'string.Equals(app.Environment.EnvironmentName, \"Staging\", StringComparison.OrdinalIgnoreCase)' is true")]
    [InlineData("app.Environment.EnvironmentName.Equals(Environments.Development)", "'app.Environment.EnvironmentName.Equals(Environments.Development)' is true")]
    public async Task Every_form_of_environment_check_is_recognized(string condition, string described)
    {
        await VerifyProgramAsync(Usings + $$"""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if ({{condition}})
            {
                app.{|#0:UseTypedSessions|}();
            }

            app.Run();
            """,
            Expected("UseTypedSessions() is called only when " + described));
    }

    // Negative cases

    [Theory]
    [InlineData("app.Configuration.GetValue<bool>(\"Features:Sessions\")")]
    [InlineData("app.Configuration[\"Environment\"] == \"Development\"")]
    [InlineData("app.Environment.ApplicationName == \"Shop\"")]
    [InlineData("app.Environment.EnvironmentName is not null")]
    [InlineData("app.Environment.EnvironmentName.Length > 0")]
    [InlineData("Environment.GetEnvironmentVariable(\"SHOP_SESSIONS\") == \"on\"")]
    [InlineData("args.Length == 0")]
    [InlineData("app.Environment.IsDevelopment() || args.Length == 0")]
    [InlineData("app.Environment.IsDevelopment() || !app.Environment.IsDevelopment()")]
    [InlineData("!(app.Environment.IsDevelopment() && app.Environment.IsProduction())")]
    public async Task Conditions_that_hold_outside_any_one_environment_are_not_reported(string condition)
    {
        await VerifyProgramAsync(Usings + $$"""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if ({{condition}})
            {
                app.UseTypedSessions();
            }

            app.Run();
            """);
    }


    [Fact]
    public async Task Unconditional_call_is_not_reported()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            app.UseTypedSessions();
            app.Run();
            """);
    }

    [Fact]
    public async Task Call_in_both_branches_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (env.IsDevelopment())
                    {
                        app.UseDeveloperExceptionPage();
                        app.UseTypedSessions();
                    }
                    else
                    {
                        app.UseExceptionHandler("/error");
                        app.UseTypedSessions();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Calls_under_complementary_checks_are_not_reported()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseDeveloperExceptionPage();
                app.UseTypedSessions();
            }

            if (!builder.Environment.IsDevelopment())
            {
                app.UseTypedSessions();
            }

            app.Run();
            """);
    }

    [Fact]
    public async Task Else_if_chain_that_ends_in_else_is_not_reported()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseDeveloperExceptionPage();
                app.UseTypedSessions();
            }
            else if (app.Environment.IsStaging())
            {
                app.UseTypedSessions();
            }
            else
            {
                app.UseExceptionHandler("/error");
                app.UseTypedSessions();
            }

            app.Run();
            """);
    }

    [Fact]
    public async Task Different_environments_tested_apart_are_not_reported_when_every_environment_gets_the_call()
    {
        // Development gets the second call: not Production covers it.
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if (!app.Environment.IsDevelopment())
            {
                app.UseTypedSessions();
            }

            if (!app.Environment.IsProduction())
            {
                app.UseTypedSessions();
            }

            app.Run();
            """);
    }

    [Fact]
    public async Task Environment_check_around_other_middleware_is_not_reported()
    {
        // The web template's own shape.
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if (!app.Environment.IsDevelopment())
            {
                app.UseExceptionHandler("/Error");
                app.UseHsts();
            }

            app.UseHttpsRedirection();
            app.UseRouting();
            app.UseTypedSessions();
            app.Run();
            """);
    }

    [Fact]
    public async Task Developer_exception_page_in_Development_then_an_unconditional_call_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (env.IsDevelopment()) app.UseDeveloperExceptionPage();

                    app.UseRouting();
                    app.UseTypedSessions();
                }
            }
            """);
    }

    [Fact]
    public async Task Configuration_flag_is_not_an_environment_check()
    {
        // A flag is set per deployment and may well be on in production: the analysis cannot know, and does not guess.
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if (app.Configuration.GetValue<bool>("Features:Sessions"))
            {
                app.UseTypedSessions();
            }

            app.Run();
            """);
    }

    [Fact]
    public async Task Environment_check_or_a_flag_is_not_reported()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if (app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Features:Sessions"))
            {
                app.UseTypedSessions();
            }

            app.Run();
            """);
    }

    [Fact]
    public async Task UseWhen_and_MapWhen_branches_select_requests_not_environments()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/shop"), shop => shop.UseTypedSessions());
            app.MapWhen(context => context.Request.Query.ContainsKey("cart"), cart =>
            {
                cart.UseTypedSessions();
                cart.Run(context => context.Response.WriteAsync("cart"));
            });
            app.Run();
            """);
    }

    [Fact]
    public async Task Early_return_that_ends_the_program_is_not_reported()
    {
        // The application does not start in that environment, so none of its requests fail.
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if (app.Environment.IsEnvironment("Migrations"))
            {
                Console.WriteLine("migrating");
                return;
            }

            app.UseTypedSessions();
            app.Run();
            """);
    }

    [Fact]
    public async Task Apps_own_extension_method_called_unconditionally_is_not_reported()
    {
        await VerifyProgramAsync(Usings + """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            var app = builder.Build();
            if (app.Environment.IsDevelopment())
            {
                app.UseDeveloperTools();
            }

            app.UseShopPipeline();
            app.Run();

            public static class ShopPipeline
            {
                public static IApplicationBuilder UseDeveloperTools(this IApplicationBuilder app)
                    => app.UseDeveloperExceptionPage();

                public static IApplicationBuilder UseShopPipeline(this IApplicationBuilder app)
                {
                    app.UseRouting();
                    return app.UseTypedSessions();
                }
            }
            """);
    }

    [Fact]
    public async Task Apps_own_extension_method_called_in_every_environment_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class ShopPipeline
            {
                public static IApplicationBuilder UseShopPipeline(this IApplicationBuilder app) => app.UseTypedSessions();
            }

            public sealed class Startup
            {
                public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
                {
                    if (env.IsDevelopment())
                    {
                        app.UseDeveloperExceptionPage();
                        app.UseShopPipeline();
                    }
                    else
                    {
                        app.UseShopPipeline();
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Extension_method_nobody_calls_is_taken_as_called_by_its_users()
    {
        // A library's UseShop(): the application that calls it is another compilation.
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class ShopApplicationBuilderExtensions
            {
                public static IApplicationBuilder UseShop(this IApplicationBuilder app)
                {
                    app.UseRouting();
                    return app.UseTypedSessions();
                }
            }
            """);
    }

    private static DiagnosticResult Expected(string message, int location = 0)
        => Verifier.Diagnostic("TS0103").WithLocation(location).WithArguments(message + Consequence).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static Task VerifyProgramAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verifier.Test { TestCode = source, TestState = { OutputKind = OutputKind.ConsoleApplication } };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
