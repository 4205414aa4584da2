using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>
/// Calls that start the response: once the status line and headers are on the wire, the session's cookie can no longer
/// be sent, and the middleware has already committed the session (it saves when the response starts).
/// </summary>
internal static class ResponseStarts
{
    /// <summary>How the call reads in a message (<c>Response.WriteAsync</c>), or <see langword="null"/> when it starts nothing.</summary>
    public static string? Describe(IInvocationOperation invocation, SessionSymbols symbols)
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

        // Response.Body.WriteAsync(...), Response.BodyWriter.FlushAsync(): writes to the body stream or pipe itself.
        if (invocation.Instance is { } instance
            && SessionEffects.Unwrap(instance) is IPropertyReferenceOperation { Property.Name: "Body" or "BodyWriter" } body
            && SessionSymbols.Is(body.Property.ContainingType, symbols.HttpResponse)
            && method.Name is "Write" or "WriteAsync" or "WriteByte" or "Flush" or "FlushAsync")
        {
            return "Response." + body.Property.Name + "." + method.Name;
        }

        return null;
    }
}
