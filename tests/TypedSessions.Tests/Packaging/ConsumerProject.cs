using System.Security;

namespace TypedSessions.Tests.Packaging;

/// <summary>
/// A brand-new web project that uses TypedSessions the way a user does: by package version from a feed, never by
/// project. Its program round-trips a <c>[SessionState]</c> class through the SQLite store outside a request
/// (<see cref="ISessionManager"/>) and prints what it read back. The files under <c>Faulty/</c> are compiled only with
/// <c>-p:IncludeFaultyCode=true</c>: a class the generator cannot implement (TS0001) and a session changed but never
/// saved (TS0101).
/// </summary>
internal static class ConsumerProject
{
    public const string Name = "Consumer";

    /// <summary>What the program prints: the values read back, then the stored keys.</summary>
    public const string ExpectedOutput = "Count=3 Lines=tea,milk Currency=EUR\nKeys=Cart.Count,Cart.Lines,cur";

    /// <summary>The consumer's keys as SessionSchema.txt records them, plus one no property stores any more (line 4).</summary>
    public const string SchemaWithARemovedKey = """
        Cart.Count: int
        Cart.Lines: System.Collections.Generic.List<string>
        # Removed since the last release:
        Cart.Total: decimal
        cur: string?
        """;

    public static void Write(string folder, string feed, string packagesFolder, string version)
    {
        Directory.CreateDirectory(Path.Combine(folder, "Faulty"));

        // Empty imports at the top of the consumer's tree: MSBuild stops looking further up (the temp folder's parents).
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(folder, file), "<Project />");
        }

        File.WriteAllText(Path.Combine(folder, Name + ".csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RestorePackagesPath>{{SecurityElement.Escape(packagesFolder)}}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TypedSessions" Version="{{version}}" />
                <PackageReference Include="TypedSessions.Sqlite" Version="{{version}}" />
              </ItemGroup>
              <ItemGroup Condition="'$(IncludeFaultyCode)' != 'true'">
                <Compile Remove="Faulty/**" />
              </ItemGroup>
            </Project>
            """);

        // Only the local feed and this machine's own upstream: nothing inherited, nothing cached from elsewhere.
        var upstream = string.Concat(MachinePackageSources.Read().Select(static source =>
            $"""{Environment.NewLine}    <add key="{SecurityElement.Escape(source.Key)}" value="{SecurityElement.Escape(source.Value)}" />"""));
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="typedsessions-local" value="{SecurityElement.Escape(feed)}" />{upstream}
              </packageSources>
            </configuration>
            """);

        File.WriteAllText(Path.Combine(folder, "Program.cs"), """
            using TypedSessions;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddSqliteStore("Data Source=sessions.db");
            await using var app = builder.Build();
            app.UseTypedSessions();
            var sessions = app.Services.GetRequiredService<ISessionManager>();

            var written = await sessions.CreateAsync();
            var cart = written.GetState<Cart>();
            cart.Count = 3;
            cart.Lines.Add("tea");
            cart.Lines.Add("milk");
            cart.Currency = "EUR";
            await written.SaveAsync();

            // A second session opened by the key reads what the generated properties stored.
            var read = (await sessions.OpenAsync(written.Key)).GetState<Cart>();
            Console.WriteLine($"Count={read.Count} Lines={string.Join(',', read.Lines)} Currency={read.Currency}");
            var stored = await sessions.DecodeAsync(written.Key!);
            Console.WriteLine("Keys=" + string.Join(',', stored!.Keys.Order(StringComparer.Ordinal)));

            [SessionState]
            public partial class Cart
            {
                public partial int Count { get; set; }
                public partial List<string> Lines { get; set; }
                [SessionKey("cur")] public partial string? Currency { get; set; }
            }
            """);

        File.WriteAllText(Path.Combine(folder, "Faulty", "NotPartialContainer.cs"), """
            using TypedSessions;

            public static class Shop
            {
                [SessionState]
                public partial class Wishlist
                {
                }
            }
            """);

        File.WriteAllText(Path.Combine(folder, "Faulty", "UnsavedReset.cs"), """
            using TypedSessions;

            public sealed class UnsavedReset(ISessionManager sessions)
            {
                public async Task ResetAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.GetState<Cart>().Count = 0;
                }
            }
            """);
    }
}
