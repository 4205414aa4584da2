using CsCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using TypedSessions.Engine;
using TypedSessions.Stores;
using TypedSessions.Stores.Cookie;
using TypedSessions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedSessions.Tests.Http;

/// <summary>
/// Random and mutated cookies through everything that reads them: the Cookie header reader, both key schemes'
/// <c>IsWellFormed</c>, the engine's choice among duplicates, the cookie store's unsealing, and whole requests. No
/// exception escapes, and each answer agrees with a plain statement of the rule. The seed is printed; see <see cref="Fuzz"/>.
/// </summary>
public sealed class CookieFuzzTests(ITestOutputHelper output)
{
    private const int Inputs = 100_000;

    private static readonly string LiveKey = SessionKeys.NewKey();

    [Fact]
    public void Random_key_scheme_accepts_exactly_32_lowercase_letters_and_digits()
    {
        var scheme = new RandomSessionKeyScheme();
        var ran = Fuzz.Run(output, "RandomSessionKeyScheme.IsWellFormed", Gen.Frequency((1, Fuzz.AnyString), (1, Fuzz.Mutations(LiveKey, "abc", ""))), Inputs, input =>
            Assert.Equal(input.Length == 32 && input.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')), scheme.IsWellFormed(input)));
        Assert.Equal(Inputs, ran);
    }

    [Fact]
    public async Task Cookie_key_scheme_accepts_exactly_base64url_of_at_most_4096_characters()
    {
        await using var cookieStore = CookieStoreServices();
        var scheme = cookieStore.GetRequiredService<ISessionKeyScheme>();
        var sealedCookie = SealedCookie(cookieStore);
        var ran = Fuzz.Run(output, "CookieSessionKeyScheme.IsWellFormed", Gen.Frequency((1, Fuzz.AnyString), (1, Fuzz.Mutations(sealedCookie, new string('A', 4_096)))), Inputs, input =>
            Assert.Equal(input.Length is > 0 and <= 4_096 && input.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), scheme.IsWellFormed(input)));
        Assert.Equal(Inputs, ran);
    }

    [Fact]
    public async Task Cookie_header_reader_and_the_engines_choice_agree_with_RFC_6265_splitting()
    {
        await using var services = QuietServices(sessions => sessions.AddMemoryStore());
        var engine = services.GetRequiredService<SessionEngine>();
        var headers = Gen.Frequency(
            (1, Fuzz.AnyString),
            (3, Fuzz.Mutations(
                $"sessionid={LiveKey}",
                $"theme=dark; sessionid={LiveKey}; lang=en",
                $"sessionid=; sessionid={LiveKey};sessionid=\"{LiveKey}\"",
                $" sessionid = {LiveKey} ;SESSIONID={LiveKey}",
                $"__Host-sessionid={LiveKey}; sessionid=x")));
        var ran = Fuzz.Run(output, "SessionCookieReader.Read + SessionEngine.CreateUnloadedFromCookies", headers, Inputs, header =>
        {
            var values = SessionCookieReader.Read(header, "sessionid");

            Assert.Equal(ReferenceValues(header), values ?? []);
            Assert.True(values is null or { Count: > 0 });
            var session = engine.CreateUnloadedFromCookies(values);
            Assert.Equal(values?.Any(SessionKeys.IsWellFormed) != true, session.IsEmpty);
        });
        Assert.Equal(Inputs, ran);
    }

    [Fact]
    public async Task Cookie_store_opens_only_cookies_it_sealed_and_never_throws()
    {
        await using var cookieStore = CookieStoreServices();
        var seal = cookieStore.GetRequiredService<CookieSessionSeal>();
        var sealedCookie = SealedCookie(cookieStore);
        var sealedBytes = WebEncoders.Base64UrlDecode(sealedCookie);
        var ran = Fuzz.Run(output, "CookieSessionSeal.Open", Fuzz.Mutations(sealedCookie), Inputs, cookie =>
        {
            var opened = seal.Open(cookie);

            // Base64url has spare bits, so an edit of the last character may decode to the very same bytes.
            if (opened.IsFound)
            {
                Assert.Equal(sealedBytes, WebEncoders.Base64UrlDecode(cookie));
            }
        });
        Assert.Equal(Inputs, ran);
    }

    [Fact]
    public async Task Requests_with_random_and_mutated_cookies_answer_200_and_never_adopt_the_cookie()
    {
        await using var server = await SessionTestServer.StartAsync(app =>
        {
            app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<string>("name") ?? "none");
            app.MapGet("/write", async (HttpContext context) =>
            {
                (await context.GetSessionAsync()).Set("name", "ada");
                return "ok";
            });
        });
        var live = await server.SeedSessionAsync(session => session.Set("name", "live"));
        var headers = Gen.Frequency((1, Fuzz.AnyString), (3, Fuzz.Mutations($"sessionid={live}", $"a=1; sessionid=x; sessionid={live}")));
        const int Requests = 2_000;
        var sent = 0;
        var ran = await Fuzz.RunAsync(output, "HTTP requests", headers, Requests, async header =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, sent++ % 2 == 0 ? "/write" : "/read");
            if (!request.Headers.TryAddWithoutValidation("Cookie", header))
            {
                return;
            }

            var response = await server.Client.SendAsync(request);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            foreach (var setCookie in response.SetCookies())
            {
                var key = setCookie["sessionid=".Length..setCookie.IndexOf(';')];
                Assert.True(key.Length == 0 || key == live || !header.Contains(key, StringComparison.Ordinal));
            }
        });
        Assert.Equal(Requests, ran);
    }

    // RFC 6265 section 5.4 as Django reads it: pairs split on ';', the name before the first '=', both trimmed.
    private static List<string> ReferenceValues(string header) => header
        .Split(';')
        .Where(pair => pair.IndexOf('=') > 0 && pair[..pair.IndexOf('=')].Trim(' ', '\t') == "sessionid")
        .Select(pair => pair[(pair.IndexOf('=') + 1)..].Trim(' ', '\t'))
        .ToList();

    private static ServiceProvider CookieStoreServices() => QuietServices(sessions => sessions.AddCookieStore());

    // Without logging: a hundred thousand Debug entries would cost more than the inputs.
    private static ServiceProvider QuietServices(Action<TypedSessionsBuilder> addStore)
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        addStore(services.AddTypedSessions());
        return services.BuildServiceProvider();
    }

    private static string SealedCookie(IServiceProvider cookieStore) => cookieStore.GetRequiredService<CookieSessionSeal>().Seal(
        new SessionRecord(new Dictionary<string, string> { ["name"] = "\"ada\"" }, DateTimeOffset.UtcNow.AddDays(1)));
}
