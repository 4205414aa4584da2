using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>The runtime's asynchronous session APIs, and how their results are awaited or blocked on.</summary>
internal static class SessionCalls
{
    /// <summary>
    /// Whether <paramref name="operation"/> is <c>ISessionManager.OpenAsync</c> or <c>CreateAsync</c>, awaited or blocked
    /// on: a session opened outside a request, which only an awaited <c>SaveAsync</c> stores.
    /// </summary>
    public static bool IsManagerOpen(IOperation operation, SessionSymbols symbols)
        => ResultOf(operation) is { } call && IsManagerOpenCall(call, symbols);

    /// <summary>Whether <paramref name="invocation"/> calls <c>ISessionManager.OpenAsync</c> or <c>CreateAsync</c>.</summary>
    public static bool IsManagerOpenCall(IInvocationOperation invocation, SessionSymbols symbols)
        => invocation.TargetMethod.Name is "OpenAsync" or "CreateAsync" && SessionSymbols.Is(invocation.TargetMethod.ContainingType, symbols.SessionManager);

    /// <summary>Whether <paramref name="invocation"/> loads, stores or deletes session data asynchronously.</summary>
    public static bool IsSessionIo(IInvocationOperation invocation, SessionSymbols symbols)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        return SessionSymbols.Is(type, symbols.SessionManager)
            || (SessionSymbols.Is(type, symbols.HttpContextExtensions) && method.Name is "GetSessionAsync" or "GetSessionStateAsync")
            || (SessionSymbols.Is(type, symbols.Session) && method.Name is "SaveAsync" or "FlushAsync" or "CycleKeyAsync")
            || (SessionSymbols.Is(type, symbols.AspNetSession) && method.Name is "LoadAsync" or "CommitAsync");
    }

    /// <summary>
    /// The call whose result <paramref name="operation"/> is: <c>await call</c>, <c>call.Result</c>,
    /// <c>call.GetAwaiter().GetResult()</c>, with <c>ConfigureAwait</c> and <c>AsTask</c> in between.
    /// </summary>
    public static IInvocationOperation? ResultOf(IOperation operation)
    {
        var current = SessionEffects.Unwrap(operation);
        switch (current)
        {
            case IAwaitOperation awaited:
                return AwaitableCall(awaited.Operation);
            case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } task }:
                return AwaitableCall(task);
            case IInvocationOperation { TargetMethod.Name: "GetResult", Instance: IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitable } }:
                return AwaitableCall(awaitable);
            default:
                return null;
        }
    }

    /// <summary>The call that produced a task, through <c>ConfigureAwait(...)</c> and <c>AsTask()</c>.</summary>
    public static IInvocationOperation? AwaitableCall(IOperation operation)
    {
        var current = SessionEffects.Unwrap(operation);
        while (current is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "AsTask", Instance: { } inner })
        {
            current = SessionEffects.Unwrap(inner);
        }

        return current as IInvocationOperation;
    }
}
