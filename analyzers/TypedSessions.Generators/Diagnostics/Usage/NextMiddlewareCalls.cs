using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>
/// Calls of the next middleware: a <c>RequestDelegate</c> (<c>await _next(context)</c> in a middleware class or an
/// <c>IMiddleware</c>, <c>next(context)</c> in <c>app.Use</c>), or the <c>Func&lt;Task&gt;</c> next of
/// <c>app.Use(async (context, next) => ...)</c>. The rest of the pipeline runs inside the call, and any endpoint that
/// writes a body has started the response by the time it returns.
/// </summary>
internal static class NextMiddlewareCalls
{
    /// <summary>The name the code gives the next middleware (<c>_next</c>), or <see langword="null"/> when <paramref name="invocation"/> does not call it.</summary>
    public static string? NameOf(IInvocationOperation invocation, SessionSymbols symbols)
    {
        if (invocation.TargetMethod.MethodKind != MethodKind.DelegateInvoke || invocation.Instance is not { } instance)
        {
            return null;
        }

        var type = invocation.TargetMethod.ContainingType;
        var isNext = SessionSymbols.Is(type, symbols.RequestDelegate)
            || (SessionEffects.Unwrap(instance) is IParameterReferenceOperation { Parameter: var parameter } && IsUseNext(parameter, symbols));
        return isNext ? Name(instance) : null;
    }

    // The shape of app.Use's middleware, (HttpContext context, Func<Task> next): a lambda, local function or method.
    private static bool IsUseNext(IParameterSymbol parameter, SessionSymbols symbols)
        => parameter is { Ordinal: 1, Type: INamedTypeSymbol { TypeArguments.Length: 1 } next }
            && SessionSymbols.Is(next.OriginalDefinition, symbols.Func)
            && SessionSymbols.Is(next.TypeArguments[0], symbols.Task)
            && parameter.ContainingSymbol is IMethodSymbol { Parameters.Length: 2 } middleware
            && SessionSymbols.Is(middleware.Parameters[0].Type, symbols.HttpContext);

    private static string Name(IOperation instance) => SessionEffects.Unwrap(instance) switch
    {
        IFieldReferenceOperation field => field.Field.Name,
        IPropertyReferenceOperation property => property.Property.Name,
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        ILocalReferenceOperation local => local.Local.Name,
        _ => "next",
    };
}
