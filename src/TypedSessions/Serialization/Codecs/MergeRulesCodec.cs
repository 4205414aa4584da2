using System.Text.Json;
using TypedSessions.Merging;

namespace TypedSessions.Serialization.Codecs;

/// <summary>
/// A codec that also carries how concurrent changes of its key merge, from <c>[SessionKey(Identity, OnConflict)]</c>:
/// the session notes the rules when the key is read or written through it.
/// </summary>
internal sealed class MergeRulesCodec<T>(SessionValueCodec<T> inner, JsonMergeRules rules) : SessionValueCodec<T>, IMergeRulesCodec
{
    public JsonMergeRules MergeRules => rules;

    public override bool IsMutable => inner.IsMutable;

    public override T Read(ref Utf8JsonReader reader, JsonSerializerOptions options) => inner.Read(ref reader, options);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => inner.Write(writer, value, options);
}
