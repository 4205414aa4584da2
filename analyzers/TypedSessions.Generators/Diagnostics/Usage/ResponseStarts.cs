using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>
/// Calls that start the response: once the status line and headers are on the wire, the session's cookie can no longer
/// be sent, and the middleware has already committed the session (it saves when the response starts). A call of the
/// next middleware counts too: it has usually started the response by the time it returns.
/// </summary>
internal static class ResponseStarts
{
    /// <summary>
    /// Where a change after <paramref name="invocation"/> is, for the message (<c>after the response has started
    /// ('Response.WriteAsync')</c>), or <see langword="null"/> when the call starts nothing.
    /// </summary>
    public static string? Describe(IInvocationOperation invocation, SessionSymbols symbols, ResponseBodies bodies)
    {
        // Not certain, but usual: any endpoint that writes a body has started the response when the next middleware returns.
        if (NextMiddlewareCalls.NameOf(invocation, symbols) is { } next)
        {
            return $"after the next middleware ran ('{next}'), when the response has usually started";
        }

        return (DescribeDirect(invocation, symbols) ?? DescribeBodyWrite(invocation, bodies)) is { } name
            ? $"after the response has started ('{name}')"
            : null;
    }

    /// <summary>
    /// Whether <paramref name="invocation"/> starts the response whatever the values it is given: cheap enough for an
    /// operation action on every call. Writes through locals and writers also need a <see cref="ResponseBodies"/>.
    /// </summary>
    public static bool IsDirect(IInvocationOperation invocation, SessionSymbols symbols)
        => DescribeDirect(invocation, symbols) is not null || NextMiddlewareCalls.NameOf(invocation, symbols) is not null;

    private static string? DescribeDirect(IInvocationOperation invocation, SessionSymbols symbols)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (SessionSymbols.Is(type, symbols.HttpResponse))
        {
            return method.Name is "StartAsync" or "CompleteAsync" ? "Response." + method.Name : null;
        }

        if ((SessionSymbols.Is(type, symbols.ResponseWritingExtensions) && method.Name == "WriteAsync")
            || (SessionSymbols.Is(type, symbols.ResponseJsonExtensions) && method.Name == "WriteAsJsonAsync")
            || (SessionSymbols.Is(type, symbols.SendFileExtensions) && method.Name == "SendFileAsync"))
        {
            return "Response." + method.Name;
        }

        // await Results.Ok(cart).ExecuteAsync(context): a result written by the code itself, not after the handler.
        if (method.Name == "ExecuteAsync" && IsResult(type, symbols))
        {
            return "IResult.ExecuteAsync";
        }

        // Response.Body.WriteAsync(...), Response.BodyWriter.FlushAsync(): writes to the body stream or pipe itself.
        if (invocation.Instance is { } instance
            && SessionEffects.Unwrap(instance) is IPropertyReferenceOperation body
            && ResponseBodies.IsBodyProperty(body.Property, symbols)
            && IsWrite(method))
        {
            return "Response." + body.Property.Name + "." + method.Name;
        }

        return null;
    }

    // writer.WriteLineAsync(...) on a writer over the body, or any call that is handed the body: JsonSerializer.SerializeAsync(
    // Response.Body, ...), source.CopyToAsync(body), RenderAsync(writer). A method given the body is there to write to it.
    private static string? DescribeBodyWrite(IInvocationOperation invocation, ResponseBodies bodies)
    {
        var method = invocation.TargetMethod;
        var receiver = invocation.Instance ?? (method.IsExtensionMethod ? SessionEffects.ThisArgument(invocation) : null);
        if (receiver is not null && IsWrite(method) && bodies.Holds(receiver))
        {
            return SessionEffects.Unwrap(receiver).Type?.Name + "." + method.Name;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (bodies.Holds(argument.Value))
            {
                return method.ContainingType.Name + "." + method.Name;
            }
        }

        return null;
    }

    private static bool IsWrite(IMethodSymbol method)
        => method.Name.StartsWith("Write", System.StringComparison.Ordinal) || method.Name.StartsWith("Flush", System.StringComparison.Ordinal);

    private static bool IsResult(INamedTypeSymbol type, SessionSymbols symbols)
    {
        if (symbols.Result is null)
        {
            return false;
        }

        if (SessionSymbols.Is(type, symbols.Result))
        {
            return true;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (SessionSymbols.Is(candidate, symbols.Result))
            {
                return true;
            }
        }

        return false;
    }
}
