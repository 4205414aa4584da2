using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedSessions.Generators;

/// <summary>
/// Implements the partial properties of every <c>[SessionState]</c> partial class over the request's session,
/// one session key per property, and makes the class an <c>ISessionState&lt;T&gt;</c> that minimal APIs can bind.
/// </summary>
/// <remarks>
/// The generator reports no diagnostics: the TypedSessions analyzers explain what cannot be implemented. For such a
/// declaration it still writes a member that throws, so that the user sees the analyzer's error instead of CS9248.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed partial class SessionStateGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var classes = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TypeNames.SessionStateAttribute,
                static (node, _) => Parser.IsCandidate(node),
                static (context, cancellationToken) => Parser.Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.ParsedDeclarations)
            .Where(static model => model is not null)
            .WithTrackingName(TrackingNames.SessionStateClasses);

        context.RegisterSourceOutput(classes, static (context, model) =>
            context.AddSource(model!.HintName, SourceText.From(Emitter.Emit(model), Encoding.UTF8)));
    }
}
