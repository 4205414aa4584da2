using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>
/// The runtime and ASP.NET Core types the usage rules (TS0101–TS0105) look for, resolved once per compilation.
/// A compilation that does not reference TypedSessions gets none, and the rules register nothing.
/// </summary>
internal sealed class SessionSymbols
{
    private SessionSymbols(Compilation compilation, INamedTypeSymbol session, INamedTypeSymbol sessionManager, INamedTypeSymbol sessionState)
    {
        Session = session;
        SessionManager = sessionManager;
        SessionState = sessionState;
        HttpContextExtensions = compilation.GetTypeByMetadataName("TypedSessions.HttpContextSessionExtensions");
        ServiceCollectionExtensions = compilation.GetTypeByMetadataName("TypedSessions.TypedSessionsServiceCollectionExtensions");
        ApplicationBuilderExtensions = compilation.GetTypeByMetadataName("TypedSessions.TypedSessionsApplicationBuilderExtensions");
        AspNetSession = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.ISession");
        AspNetSessionExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.SessionExtensions");
        HttpContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
        HttpResponse = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponse");
        ResponseWritingExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponseWritingExtensions");
        ResponseJsonExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponseJsonExtensions");
        SendFileExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.SendFileResponseExtensions");
        RequestDelegate = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.RequestDelegate");
        Result = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IResult");
        Results = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.Results");
        TypedResults = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.TypedResults");
        ApplicationBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.IApplicationBuilder");
        EndpointRouteBuilder = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
        RunExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.RunExtensions");
        EndpointRoutingExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.EndpointRoutingApplicationBuilderExtensions");
        Func = compilation.GetTypeByMetadataName("System.Func`1");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
        ThreadPool = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
        Timer = compilation.GetTypeByMetadataName("System.Threading.Timer");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
    }

    /// <summary><c>TypedSessions.Session</c>.</summary>
    public INamedTypeSymbol Session { get; }

    /// <summary><c>TypedSessions.ISessionManager</c>: sessions outside a request.</summary>
    public INamedTypeSymbol SessionManager { get; }

    /// <summary><c>TypedSessions.ISessionState&lt;TSelf&gt;</c>, implemented by every generated typed view.</summary>
    public INamedTypeSymbol SessionState { get; }

    public INamedTypeSymbol? HttpContextExtensions { get; }

    public INamedTypeSymbol? ServiceCollectionExtensions { get; }

    public INamedTypeSymbol? ApplicationBuilderExtensions { get; }

    /// <summary>ASP.NET Core's <c>ISession</c>, which TypedSessions backs with the same session.</summary>
    public INamedTypeSymbol? AspNetSession { get; }

    public INamedTypeSymbol? AspNetSessionExtensions { get; }

    public INamedTypeSymbol? HttpContext { get; }

    public INamedTypeSymbol? HttpResponse { get; }

    public INamedTypeSymbol? ResponseWritingExtensions { get; }

    public INamedTypeSymbol? ResponseJsonExtensions { get; }

    public INamedTypeSymbol? SendFileExtensions { get; }

    /// <summary>The next middleware of a middleware class, an <c>IMiddleware</c> or <c>app.Use</c>.</summary>
    public INamedTypeSymbol? RequestDelegate { get; }

    /// <summary><c>IResult</c>: executing one writes the response.</summary>
    public INamedTypeSymbol? Result { get; }

    public INamedTypeSymbol? Results { get; }

    public INamedTypeSymbol? TypedResults { get; }

    public INamedTypeSymbol? ApplicationBuilder { get; }

    public INamedTypeSymbol? EndpointRouteBuilder { get; }

    public INamedTypeSymbol? RunExtensions { get; }

    public INamedTypeSymbol? EndpointRoutingExtensions { get; }

    /// <summary><c>Func&lt;TResult&gt;</c>: <c>Func&lt;Task&gt;</c> is the next middleware of <c>app.Use((context, next) => ...)</c>.</summary>
    public INamedTypeSymbol? Func { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? TaskFactory { get; }

    public INamedTypeSymbol? ThreadPool { get; }

    public INamedTypeSymbol? Timer { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    /// <summary>The symbols, or <see langword="null"/> when the compilation does not reference the TypedSessions runtime.</summary>
    public static SessionSymbols? TryCreate(Compilation compilation)
        => compilation.GetTypeByMetadataName(TypeNames.Session) is { } session
            && compilation.GetTypeByMetadataName("TypedSessions.ISessionManager") is { } manager
            && compilation.GetTypeByMetadataName("TypedSessions.ISessionState`1") is { } state
                ? new SessionSymbols(compilation, session, manager, state)
                : null;

    /// <summary>Whether <paramref name="type"/> is a generated typed view (a <c>[SessionState]</c> class).</summary>
    public bool IsSessionState(ITypeSymbol? type)
        => type is INamedTypeSymbol { TypeKind: TypeKind.Class } named
            && named.AllInterfaces.Any(candidate => SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, SessionState));

    /// <summary>Whether <paramref name="type"/> is <see cref="Session"/>, ASP.NET's <c>ISession</c> or a typed view.</summary>
    public bool IsSessionLike(ITypeSymbol? type)
        => SymbolEqualityComparer.Default.Equals(type, Session)
            || (AspNetSession is not null && SymbolEqualityComparer.Default.Equals(type, AspNetSession))
            || IsSessionState(type);

    /// <summary>Whether <paramref name="type"/> is <c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
    public bool IsTaskLike(ITypeSymbol? type)
        => type is INamedTypeSymbol named
            && (Is(named, Task) || Is(named.OriginalDefinition, TaskOfT) || Is(named, ValueTask) || Is(named.OriginalDefinition, ValueTaskOfT));

    public static bool Is(ISymbol? symbol, ISymbol? expected)
        => expected is not null && SymbolEqualityComparer.Default.Equals(symbol, expected);
}
