using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace TypedSessions.Mvc;

/// <summary>Binds an action or page handler parameter of a <see cref="SessionStateAttribute"/> class from the session, loaded asynchronously.</summary>
internal sealed class SessionStateModelBinder<T> : IModelBinder
    where T : class, ISessionState<T>
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var state = await bindingContext.HttpContext.GetSessionStateAsync<T>().ConfigureAwait(false);
        bindingContext.ValidationState[state] = new ValidationStateEntry { SuppressValidation = true };
        bindingContext.Result = ModelBindingResult.Success(state);
    }
}
