using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TypedSessions.Serialization;

/// <summary>Gives the session's JSON options a resolver before first use.</summary>
internal static class JsonResolverDefaults
{
    /// <summary>
    /// Options without a resolver get System.Text.Json's reflection resolver where reflection is enabled, as
    /// <c>JsonSerializer</c> itself does; under native AOT the feature switch removes that branch and the user's
    /// <see cref="System.Text.Json.Serialization.JsonSerializerContext"/> is the only resolver.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Guarded by JsonSerializer.IsReflectionEnabledByDefault, a feature switch that is off when trimming.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Guarded by JsonSerializer.IsReflectionEnabledByDefault, a feature switch that is off under native AOT.")]
    public static void EnsureTypeInfoResolver(JsonSerializerOptions options)
    {
        if (options.TypeInfoResolver is null && !options.IsReadOnly && JsonSerializer.IsReflectionEnabledByDefault)
        {
            options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        }
    }
}
