using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TypedSessions.Generators.Diagnostics.Usage.Flow;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>
/// The values of one function body that stand for the response body: <c>Response.Body</c> or <c>Response.BodyWriter</c>
/// itself, a local or flow capture that holds one (<c>var body = context.Response.Body</c>), and a writer constructed
/// over one (<c>new StreamWriter(Response.Body)</c>, <c>new Utf8JsonWriter(body)</c>). Writing to any of them, or
/// handing one to a method, starts the response; creating or copying one does not.
/// </summary>
internal sealed class ResponseBodies
{
    private readonly SessionSymbols _symbols;
    private readonly HashSet<ILocalSymbol> _locals = new(SymbolEqualityComparer.Default);
    private readonly HashSet<CaptureId> _captures = [];

    private ResponseBodies(SessionSymbols symbols) => _symbols = symbols;

    /// <summary>For code that never names <c>Body</c> or <c>BodyWriter</c>: no local can hold the response body.</summary>
    public static ResponseBodies None(SessionSymbols symbols) => new(symbols);

    /// <summary>The locals and flow captures of <paramref name="body"/> that hold the response body or a writer over it.</summary>
    public static ResponseBodies Of(FunctionGraph body, SessionSymbols symbols)
    {
        var bodies = new ResponseBodies(symbols);

        // Until nothing changes: a loop can assign a local from one that a later block declares.
        bool added;
        do
        {
            added = false;
            foreach (var site in body.Sites)
            {
                switch (site.Operation)
                {
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when bodies.Holds(assignment.Value):
                        added |= bodies._locals.Add(local.Local);
                        break;
                    case IFlowCaptureOperation capture when bodies.Holds(capture.Value):
                        added |= bodies._captures.Add(capture.Id);
                        break;
                }
            }
        }
        while (added);

        return bodies;
    }

    /// <summary>Whether <paramref name="property"/> is <c>HttpResponse.Body</c> or <c>HttpResponse.BodyWriter</c>.</summary>
    public static bool IsBodyProperty(IPropertySymbol property, SessionSymbols symbols)
        => property.Name is "Body" or "BodyWriter" && SessionSymbols.Is(property.ContainingType, symbols.HttpResponse);

    /// <summary>Whether <paramref name="value"/> is the response body, a local that holds it, or a writer over it.</summary>
    public bool Holds(IOperation value)
        => SessionEffects.Unwrap(value) switch
        {
            IPropertyReferenceOperation reference => IsBodyProperty(reference.Property, _symbols),
            ILocalReferenceOperation local => _locals.Contains(local.Local),
            IFlowCaptureReferenceOperation capture => _captures.Contains(capture.Id),
            IObjectCreationOperation creation => AnyArgumentHolds(creation.Arguments),
            _ => false,
        };

    private bool AnyArgumentHolds(IEnumerable<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (Holds(argument.Value))
            {
                return true;
            }
        }

        return false;
    }
}
