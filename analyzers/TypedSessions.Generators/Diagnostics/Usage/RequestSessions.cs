using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>Tells a request's session from one opened through <c>ISessionManager</c>, in an operation tree.</summary>
internal static class RequestSessions
{
    /// <summary>
    /// Whether <paramref name="session"/> (a session or typed view) is a local that holds a session opened through
    /// <c>ISessionManager</c>: such a session is saved explicitly, whether or not a request is around.
    /// </summary>
    public static bool IsOpenedByManager(IOperation session, SessionSymbols symbols)
    {
        var current = ViewedSession(session, symbols);
        if (current is not ILocalReferenceOperation local)
        {
            return IsOpened(current, symbols);
        }

        foreach (var operation in EnclosingFunctions.Root(current).Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator
                    when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local):
                    return IsOpened(value, symbols);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    when SymbolEqualityComparer.Default.Equals(target.Local, local.Local):
                    return IsOpened(assignment.Value, symbols);
            }
        }

        return false;
    }

    private static bool IsOpened(IOperation value, SessionSymbols symbols)
        => ViewedSession(value, symbols) is var session && (SessionCalls.IsManagerOpen(session, symbols) || (session is ILocalReferenceOperation && session != value && IsOpenedByManager(session, symbols)));

    // cart → cart; session.GetState<Cart>() → session; ((ISessionState<Cart>)cart).Session → cart.
    private static IOperation ViewedSession(IOperation operation, SessionSymbols symbols)
    {
        var current = SessionEffects.Unwrap(operation);
        while (true)
        {
            switch (current)
            {
                case IInvocationOperation { TargetMethod.Name: "GetState", Instance: { } instance } invocation
                    when SessionSymbols.Is(invocation.TargetMethod.ContainingType, symbols.Session):
                    current = SessionEffects.Unwrap(instance);
                    break;
                case IPropertyReferenceOperation { Property.Name: "Session", Instance: { } instance } property
                    when SessionSymbols.Is(property.Property.ContainingType.OriginalDefinition, symbols.SessionState):
                    current = SessionEffects.Unwrap(instance);
                    break;
                default:
                    return current;
            }
        }
    }
}
