using TypedSessions.Merging;

namespace TypedSessions.Serialization.Codecs;

/// <summary>A codec of any value type that carries its key's merge rules (<see cref="MergeRulesCodec{T}"/>).</summary>
internal interface IMergeRulesCodec
{
    /// <summary>How concurrent changes of the key merge.</summary>
    JsonMergeRules MergeRules { get; }
}
