using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace TypedSessions;

/// <summary>
/// Marks a <see langword="partial"/> class whose <see langword="partial"/> properties the TypedSessions generator
/// implements over the request's session. Every property is one session key.
/// </summary>
/// <remarks>
/// The stored key of a property is <c>{KeyPrefix}.{PropertyName}</c>. The prefix defaults to the class name
/// (containing types included, joined by <c>.</c>), so <c>Cart.Count</c>; an empty prefix stores bare property names.
/// <see cref="SessionKeyAttribute"/> names the stored key of one property exactly, with no prefix.
/// The attribute also tells MVC model binding that parameters of the class come from the session, not the body.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SessionStateAttribute : Attribute, IBindingSourceMetadata
{
    /// <summary>Uses the class name as the key prefix.</summary>
    public SessionStateAttribute()
    {
    }

    /// <summary>Uses <paramref name="keyPrefix"/> as the key prefix; an empty string means no prefix.</summary>
    /// <param name="keyPrefix">The prefix of every stored key of the class.</param>
    public SessionStateAttribute(string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        KeyPrefix = keyPrefix;
    }

    /// <summary>The prefix of every stored key, or <see langword="null"/> for the class name.</summary>
    public string? KeyPrefix { get; }

    /// <inheritdoc />
    BindingSource IBindingSourceMetadata.BindingSource => BindingSource.Special;
}
