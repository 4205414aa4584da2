namespace TypedSessions;

/// <summary>
/// Names a key a property was stored under before it was renamed, so sessions written by an earlier deployment keep
/// their value. When the property's key is missing from a session, its former keys are read in the order declared; the
/// next save of that session writes the value under the new key and removes the former one in the same write. A session
/// that is only read is never written. When both keys hold a value, the new key wins and the former one is removed on
/// the next save.
/// </summary>
/// <example>
/// <code>
/// [FormerSessionKey("Cart.Items")]
/// public partial List&lt;CartLine&gt; Lines { get; set; }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class FormerSessionKeyAttribute : Attribute
{
    /// <summary>Reads <paramref name="key"/> when the property's own key is missing, and moves its value on the next save.</summary>
    /// <param name="key">The key exactly as it was stored (<c>Cart.Items</c>, or a <see cref="SessionKeyAttribute"/> name); not empty.</param>
    public FormerSessionKeyAttribute(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Key = key;
    }

    /// <summary>The key the property was stored under before.</summary>
    public string Key { get; }
}
