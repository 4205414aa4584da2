using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace TypedSessions.Mvc;

/// <summary>Chooses <see cref="SessionStateModelBinder{T}"/> for <see cref="SessionStateAttribute"/> classes.</summary>
internal sealed class SessionStateModelBinderProvider : IModelBinderProvider
{
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "MVC model binding is not supported under native AOT.")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "MVC model binding is not supported when trimming.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "MVC model binding is not supported when trimming.")]
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Metadata.ModelType;
        var isSessionState = type.IsClass && type.GetInterfaces().Any(
            candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(ISessionState<>) && candidate.GenericTypeArguments[0] == type);
        return isSessionState
            ? (IModelBinder)Activator.CreateInstance(typeof(SessionStateModelBinder<>).MakeGenericType(type))!
            : null;
    }
}
