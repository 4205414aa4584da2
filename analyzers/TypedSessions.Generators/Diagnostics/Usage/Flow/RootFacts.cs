using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>What one function does with one tracked session: a local opened through <c>ISessionManager</c>, or a helper's parameter.</summary>
internal sealed class RootFacts(ISymbol symbol)
{
    /// <summary>The local (or parameter) that holds the session.</summary>
    public ISymbol Symbol { get; } = symbol;

    /// <summary>
    /// Whether the session leaves the function's sight: returned, stored in a field, passed to a method the analysis
    /// cannot see into, or captured by a lambda. Its saving is then someone else's business, and nothing is reported.
    /// </summary>
    public bool Escapes { get; set; }

    /// <summary>Where the variable is assigned (its declaration first).</summary>
    public List<OperationSite> Definitions { get; } = [];

    public List<RootEvent> Events { get; } = [];

    /// <summary>
    /// Edges with nothing to save: taken only when <c>IsModified</c> is false, or when a flag raised with every change
    /// is down (see <see cref="FlagGuards"/>).
    /// </summary>
    public HashSet<ControlFlowBranch> NothingToSaveEdges { get; } = [];
}
